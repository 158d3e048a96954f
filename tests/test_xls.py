"""Excel 97–2003 workbooks (.xls, and WPS .et, which is .xls inside) are read with xlrd into the same
grid an .xlsx gives: the same table saved either way gives the same JSON result, but for the file's name.

The .xls files are written here with xlwt, each a cell-by-cell copy of an .xlsx (values, number
formats, merged ranges), so each pair holds one table in two formats."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import struct
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import attrs
import pytest
import xlrd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from scoring import import_workbook
from scoring.limits import DEFAULT, Limits
from scoring.load.workbook._grid import Number, TooLarge, read_grids
from scoring.testing.workbooks import LAYOUTS, Table, book

from .conftest import ROOT, cli
from .real._build import build
from .test_layouts import TEN_HAO

CORPUS = ROOT / "tests" / "corpus"
REAL = ROOT / "tests" / "real"
EXAMPLES = next((p / "shared" / "examples" for p in ROOT.parents if (p / "shared" / "examples").is_dir()), None)
"""The published examples, beside the main checkout or above a worktree of it."""


ERRORS = {text: code for code, text in xlrd.error_text_from_code.items()}
"""An error value's code in a BIFF cell: ``#DIV/0!`` is 7."""


def as_xls(source: Path, target: Path) -> Path:
    """``source`` (.xlsx) copied cell by cell into an Excel 97–2003 workbook: each sheet, each value as
    openpyxl reads it (a formula's cached value), its number format, each merged range."""
    import xlwt

    styles: dict[str, object] = {}

    def style(fmt: str):
        if fmt not in styles:
            styles[fmt] = xlwt.easyxf(num_format_str=fmt)
        return styles[fmt]

    out = xlwt.Workbook()
    for ws in load_workbook(source, data_only=True).worksheets:
        sheet = out.add_sheet(ws.title)
        covered = set()
        for m in ws.merged_cells.ranges:
            top = ws.cell(m.min_row, m.min_col)
            sheet.write_merge(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1,
                              "" if top.value is None else top.value, style(top.number_format))
            covered |= set(m.cells)
        for (r, c), cell in ws._cells.items():
            if (r, c) in covered or cell.value is None:
                continue
            if cell.data_type == "e":
                sheet.row(r - 1).set_cell_error(c - 1, ERRORS[cell.value], style(cell.number_format))
            else:  # xlwt writes dates and times; a duration is written as the days it is
                value = cell.value.total_seconds() / 86400 if isinstance(cell.value, dt.timedelta) else cell.value
                sheet.write(r - 1, c - 1, value, style(cell.number_format))
    out.save(str(target))
    return target


def grids(path: Path, limits: Limits = DEFAULT) -> list[tuple]:
    """What the reader sees in a workbook: each sheet's name, values, number formats, merged ranges."""
    return [(g.name, g.values, g.formats, sorted(g.merged), g.uncached) for g in read_grids(path, limits)[0]]


def result(path: Path, *args: str) -> dict:
    """``score PATH -f json``, with the file's name taken out: what must not depend on the format."""
    done = cli(path, "-f", "json", *args, code=(0, 1))
    return json.loads(done.output.replace(path.name, "FILE"))


TABLE = attrs.evolve(TEN_HAO, total_claim=D("98.6"))
"""test_layouts' 10号 table, its claimed total a number: 湖北's layout writes it with 分 after it."""


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_as_xls_reads_and_scores_as_its_xlsx(tmp_path, layout):
    xlsx = book(tmp_path / "表.xlsx", [TABLE, Table("河道保洁", TABLE.rows[:4], points=20)], LAYOUTS[layout], cover=True)
    xls = as_xls(xlsx, tmp_path / "表.xls")
    assert grids(xls) == grids(xlsx)
    assert result(xls) == result(xlsx)
    assert result(xls, "--lang", "en") == result(xlsx, "--lang", "en")


def test_a_percent_format_and_a_merged_label_with_line_breaks_survive(tmp_path):
    """0.97 stored with ``0%`` means 97 %; 项目资金\\n（万元） merged over two columns and five rows reads as one label
    from any of its cells."""
    xls = as_xls(book(tmp_path / "表.xlsx", [TABLE], LAYOUTS["10号"]), tmp_path / "表.xls")
    (grid,) = read_grids(xls)[0]
    at = next(at for at, v in grid.values.items() if v == 0.97)
    assert grid.formats[at] == "0%" and grid.number(*at, "") == Number(D("97.00"), True)
    label = next(at for at, v in grid.values.items() if v == "项目资金\n（万元）")
    assert (label[0], label[1], label[0] + 4, label[1] + 1) in grid.merged
    assert grid.text(label[0] + 3, label[1] + 1) == "项目资金 (万元)"


def test_the_published_examples_as_xls(tmp_path):
    if EXAMPLES is None:
        pytest.skip("the shared examples are not beside this checkout")
    for source in sorted(EXAMPLES.glob("*.xlsx")):
        xlsx = shutil.copy(source, tmp_path / source.name)
        xls = as_xls(xlsx, tmp_path / (source.stem + ".xls"))
        assert grids(xls) == grids(xlsx), source.name
        assert result(xls) == result(xlsx), source.name


@pytest.mark.parametrize("spec", sorted(REAL.glob("*.toml")), ids=lambda p: p.stem)
def test_each_transcribed_published_table_as_xls(tmp_path, spec):
    """tests/real: tables as published, scored or refused; the .xls copy is scored or refused alike."""
    xlsx = build(spec, tmp_path / f"{spec.stem}.xlsx")
    xls = as_xls(xlsx, tmp_path / f"{spec.stem}.xls")
    assert grids(xls) == grids(xlsx)
    said = [cli(p, "-f", "json", code=(0, 1, 2)) for p in (xlsx, xls)]
    assert said[0].exit_code == said[1].exit_code
    assert said[0].output.replace(xlsx.name, "FILE") == said[1].output.replace(xls.name, "FILE")


def test_our_own_export_as_xls(tmp_path):
    """The workbook ``score -f xlsx`` writes (its summary sheet included), saved as .xls by someone."""
    xlsx = tmp_path / "自评表.xlsx"
    cli(ROOT / "evaluations" / "2023.toml", "-f", "xlsx", "-o", xlsx, code=(0, 1))
    xls = as_xls(xlsx, tmp_path / "自评表.xls")
    assert grids(xls) == grids(xlsx)
    assert result(xls) == result(xlsx)


def test_cells_of_every_kind_read_as_openpyxl_reads_them(tmp_path):
    """Text, whole and fractional numbers, booleans, dates, times, durations, error values, blanks."""
    wb = Workbook()
    ws = wb.active
    cells = {"A1": "文本", "A2": 100, "A3": 0.97, "A4": True, "A5": dt.datetime(2021, 4, 22), "A6": dt.datetime(2021, 4, 22, 9, 30),
             "A7": "#DIV/0!", "A8": "#N/A", "A9": "   ", "A10": -12.5, "A11": 12345678901, "A12": "两行\n文字"}
    formats = {"A5": "yyyy-mm-dd", "A6": "yyyy-mm-dd h:mm", "A3": "0.0%", "A13": "[h]:mm", "A14": "h:mm"}
    for at, value in cells.items():
        ws[at] = value
    ws["A13"] = dt.timedelta(hours=30)
    ws["A14"] = dt.time(9, 30)
    for at, fmt in formats.items():
        ws[at].number_format = fmt
    wb.save(tmp_path / "kinds.xlsx")
    xls = as_xls(tmp_path / "kinds.xlsx", tmp_path / "kinds.xls")
    assert grids(xls) == grids(tmp_path / "kinds.xlsx")
    (grid,) = read_grids(xls)[0]
    assert grid.values[(6, 0)] == "#DIV/0!" and grid.values[(3, 0)] is True and (8, 0) not in grid.values
    assert grid.values[(4, 0)] == dt.datetime(2021, 4, 22) and grid.values[(12, 0)] == dt.timedelta(hours=30)


def test_score_import_writes_the_same_evaluation_from_either(tmp_path):
    xlsx = book(tmp_path / "表.xlsx", [TABLE])
    xls = as_xls(xlsx, tmp_path / "表.xls")
    written = [import_workbook(p, tmp_path / f"{p.suffix[1:]}.toml")[0] for p in (xlsx, xls)]
    texts = [w.read_text(encoding="utf-8").replace(p.name, "FILE") for w, p in zip(written, (xlsx, xls))]
    assert texts[0] == texts[1] and "园区道路维护" in texts[0]


def test_an_et_file_is_an_xls(tmp_path):
    xls = as_xls(book(tmp_path / "表.xlsx", [TABLE]), tmp_path / "表.xls")
    et = shutil.copy(xls, tmp_path / "表.et")
    assert grids(et) == grids(xls)
    assert result(et) == result(xls)


def _notes(data: dict) -> list[str]:
    return data["source"].pop("notes")


@pytest.mark.parametrize(("written", "named"), [("xls", "xlsx"), ("xlsx", "xls"), ("xlsx", "et")])
def test_a_workbook_is_told_by_its_content_and_the_report_says_so(tmp_path, written, named):
    """An .xls saved under an .xlsx name (or the other way round) is read as what it is, with a note."""
    xlsx = book(tmp_path / "真.xlsx", [TABLE])
    real = xlsx if written == "xlsx" else as_xls(xlsx, tmp_path / "真.xls")
    renamed = shutil.copy(real, tmp_path / f"改名.{named}")
    expected, found = result(real), result(renamed)
    inside = {"xls": "旧版 .xls 工作簿（Excel 97–2003），已按 .xls", "xlsx": " .xlsx 工作簿，已按 .xlsx"}[written]
    assert _notes(found) == [f"「FILE」实为{inside} 读取", *_notes(expected)]
    assert found == expected


def test_an_ole_file_that_is_no_workbook_is_one_clear_problem(tmp_path):
    """A Word .doc renamed .xls, or .xlsx: an OLE file like an .xls, with no workbook in it."""
    for name in ("报告.xls", "报告.xlsx", "报告.et"):
        path = shutil.copy(CORPUS / "book-ole-doc.xls", tmp_path / name)
        out = cli(path, code=2).output
        assert out.count(name) == 2 and "Word 文档" in out and "另存为 .xlsx" in out and "Traceback" not in out
    assert "a Word document (.doc)" in cli(path, "--lang", "en", code=2).output


def test_a_password_protected_book_says_what_to_do():
    out = cli(CORPUS / "book-ole-encrypted.xlsx", code=2).output
    assert "去掉密码" in out and "book-ole-encrypted.xlsx" in out
    assert "remove the password" in cli(CORPUS / "book-ole-encrypted.xlsx", "--lang", "en", code=2).output


@pytest.mark.parametrize("name", ["book-ole-damaged.xls", "book-html.xls", "book-text.et"])
def test_a_damaged_or_false_xls_says_what_to_do(tmp_path, name):
    path = tmp_path / name
    if name == "book-ole-damaged.xls":
        shutil.copy(CORPUS / name, path)
    else:  # what platforms export as .xls is sometimes a web page
        path.write_text("<html><table><tr><td>项目支出绩效自评表</td></tr></table></html>", encoding="utf-8")
    out = cli(path, code=2).output
    assert name in out and "另存为 .xlsx" in out and "Traceback" not in out


def test_a_workbook_stream_whose_chain_loops_is_refused_at_once():
    """xlrd follows a short stream's chain of sectors without a bound: 2.5 KB that would take all memory."""
    done = subprocess.run([sys.executable, "-m", "scoring", str(CORPUS / "book-ole-loop.xls")], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, cwd=ROOT)
    assert done.returncode == 2 and "book-ole-loop.xls" in done.stderr and "does not end" in done.stderr


@pytest.mark.parametrize("suffix", [".wps", ".ods", ".numbers"])
def test_formats_we_cannot_read_say_what_to_do(tmp_path, suffix):
    path = tmp_path / f"表{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    out = cli(path, code=2).output
    assert "另存为” .xlsx" in out and ".xls、.et" in out


def test_a_folder_counts_xls_and_et_as_submissions(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    xlsx = book(tmp_path / "a.xlsx", [TABLE])
    as_xls(xlsx, inbox / "a.xls")
    shutil.copy(inbox / "a.xls", inbox / "b.et")
    shutil.copy(CORPUS / "book-ole-doc.xls", inbox / "c.xls")
    (inbox / "~$a.xls").write_bytes(b"lock")  # Excel's lock file, while a.xls is open
    data = json.loads(cli(inbox, "-f", "json", code=2).output)
    assert sorted(Path(s["path"]).name for s in data["submissions"]) == ["a.xls", "b.et"]
    assert [Path(u["path"]).name for u in data["unreadable"]] == ["c.xls"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert ".xls、.et" in cli(empty, code=2).output


# -- limits -----------------------------------------------------------------------------

def _cells_book(path: Path, sheets: dict[str, int]) -> Path:
    """An .xls whose sheets hold the given number of numbers each, ten a row."""
    import xlwt

    wb = xlwt.Workbook()
    for name, n in sheets.items():
        ws = wb.add_sheet(name)
        for i in range(n):
            ws.write(i // 10, i % 10, i)
    wb.save(str(path))
    return path


def _records(data: bytes):
    """The records of an xlwt-written workbook stream: (code, offset of the record in ``data``)."""
    from xlrd.compdoc import CompDoc

    mem, base, size = CompDoc(data, logfile=io.StringIO()).locate_named_stream("Workbook")
    assert mem is data  # xlwt writes the stream in one run
    pos = base
    while pos < base + size:
        code, length = struct.unpack_from("<HH", data, pos)
        yield code, pos
        pos += 4 + length


def test_cells_past_the_limit_are_refused_before_xlrd_reads_them(tmp_path):
    path = _cells_book(tmp_path / "多.xls", {"一": 600, "二": 500})
    assert len(grids(path, Limits(max_cells=1100))) == 2
    with pytest.raises(TooLarge) as caught:
        read_grids(path, Limits(max_cells=1099))
    assert caught.value.args[2:] == ("--max-cells", "cells")
    assert "--max-cells" in cli(path, "--max-cells", "1000", code=2).output
    assert "--max-bytes" in cli(path, "--max-bytes", "1000", code=2).output


def test_a_merge_over_the_whole_sheet_counts_the_cells_it_covers(tmp_path):
    """A20:IV65536 merged, as on an .xlsx: refused before xlrd reads it (xlwt would write every covered
    cell as a blank, so one small merge is written and its MERGEDCELLS record widened)."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("自评表")
    ws.write_merge(19, 20, 0, 1, "项目支出绩效自评表")
    wb.save(str(tmp_path / "合并.xls"))
    data = bytearray((tmp_path / "合并.xls").read_bytes())
    (at,) = [p for code, p in _records(bytes(data)) if code == 0x00E5]  # MERGEDCELLS: a count, then (rows, columns) each
    data[at + 6:at + 14] = struct.pack("<HHHH", 19, 65535, 0, 255)
    (tmp_path / "合并.xls").write_bytes(bytes(data))
    out = cli(tmp_path / "合并.xls", code=2).output
    assert "--max-cells" in out and "16,772," in out


def test_a_sheet_listed_twice_counts_twice(tmp_path):
    """A workbook whose sheet list names one sheet's records twice: xlrd reads it twice, and so the
    cells it makes are counted as it reads, not only the records in the file."""
    path = _cells_book(tmp_path / "两次.xls", {"大": 1000, "小": 1})
    assert len(grids(path, Limits(max_cells=1500))) == 2
    data = bytearray(path.read_bytes())
    (_, first), (_, second) = [(c, p) for c, p in _records(bytes(data)) if c == 0x0085]  # BOUNDSHEET: its sheet's offset
    data[second + 4:second + 8] = data[first + 4:first + 8]
    path.write_bytes(bytes(data))
    first, second = read_grids(path)[0]
    assert first.values == second.values and len(first.values) == 1000
    with pytest.raises(TooLarge):
        read_grids(path, Limits(max_cells=1500))


# -- any table --------------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r") | st.just("\n"),
                min_size=1, max_size=30).filter(lambda s: s.strip() != "" and not s.startswith("="))
_VALUE = (_TEXT | st.booleans() | st.integers(-(2**31), 2**31)
          | st.decimals(-(10**9), 10**9, places=4, allow_nan=False, allow_infinity=False).map(float))
_FORMAT = st.sampled_from(["General", "0%", "0.00%", "0.0", "#,##0.00", "@"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.dictionaries(st.tuples(st.integers(0, 40), st.integers(0, 12)), st.tuples(_VALUE, _FORMAT), max_size=40))
def test_any_table_reads_the_same_from_xls_as_from_xlsx(tmp_path, cells):
    """Text, numbers and booleans with any number format, written by openpyxl and by xlwt: the same grid."""
    import xlwt

    wb, xb = Workbook(), xlwt.Workbook()
    ws, xs = wb.active, xb.add_sheet("Sheet")
    for (r, c), (value, fmt) in cells.items():
        ws.cell(r + 1, c + 1, value).number_format = fmt
        xs.write(r, c, value, xlwt.easyxf(num_format_str=fmt))
    wb.save(tmp_path / "t.xlsx")
    xb.save(str(tmp_path / "t.xls"))
    assert grids(tmp_path / "t.xls") == grids(tmp_path / "t.xlsx")


def test_the_cell_types_the_reader_names_are_xlrd_s():
    from scoring.load.workbook import _grid

    assert (_grid._EMPTY, _grid._TEXT, _grid._NUMBER, _grid._DATE, _grid._BOOLEAN, _grid._ERROR, _grid._BLANK) == (
        xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_TEXT, xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE, xlrd.XL_CELL_BOOLEAN,
        xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK)
