"""Sheets → the evaluation document, each value with the cell it came from.

Each sheet is searched for 自评表: an indicator header row (三级指标 and
年度指标值 or 实际完成值) starts one; the rows above it, back to the previous
table, are its title block (项目名称, 主管部门, 实施单位, 填报单位, 金额单位, the
budget block); the rows below it, to its 总分 row or the next table, are its
indicators. Several tables on one sheet are several subjects; a sheet with
none (a cover, a 目录) is skipped and said to be.

The result is the same plain data a TOML evaluation parses to, so it goes
through the same checks; a problem found there names the cell.
"""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import define, field

from ...errors import Problem
from ...findings import Finding, FindingCode, say
from ...i18n import Text, Words, join
from ...i18n import t as msg
from ...numbers import plain
from ...policy import builtin_policy_ids
from ...wording import NAMES, subject_name
from .._targets import PREFIXES, SUFFIXES, fold, quantity
from ._grid import UNCACHED, Grid
from ._labels import EXPORT_TOTALS, SUMMARY_TITLE, YEAR, filler_in, label, money_unit_in, name_and_rest
from ._report import Part, ReadReport, Skipped, Unused
from .layouts import FAMILIES, Funds
from .vocabulary import Vocabulary, bare, flat, load_vocabulary

Path_ = tuple[str | int, ...]
Origin = tuple[str, str]
"""(sheet, cell)."""

RATE = re.compile(r"^完成率\s*(\d+(?:\.\d+)?)\s*(%?)$")
UNIT_KEYS = ("department", "agency", "unit_name")
"""Title-block values that name a unit: a filling date or contact after the name is not part of it."""
SUMMARY_LABELS = {"部门": "department", "年度": "year", "评分规则": "policy", "自评得分": "score", "自评等级": "grade"}
"""The lines of this project's own summary sheet that are read, and what each gives."""
COMPARATOR_WORDS = tuple(SUFFIXES) + tuple(PREFIXES)
ROW_KINDS: dict[str, Words] = {
    "placeholder": msg("表样占位行", "the form's placeholder"), "group": msg("分组标题行", "a group heading"),
    "breakdown": msg("上一行的细分（其中）", "a breakdown of the row above"), "footer": msg("表下说明", "a note under the table"),
}
"""The rows of an indicator table that are not indicators, as the read report names them."""
IMPLAUSIBLE = Decimal("0.001")
"""An executed amount below this share of its budget, or above its inverse, is in another money unit."""
COLUMN_NAMES = {"target": msg("年度指标值", "target"), "actual": msg("实际完成值", "actual"), "weight": msg("分值", "points")}
"""The columns every indicator table needs, as a problem names them."""


@define
class Table:
    grid: Grid
    header: int
    columns: dict[str, int]
    top: range
    rows: list[int] = field(factory=list)
    totals: list[int] = field(factory=list)
    repeated: list[int] = field(factory=list)
    footers: list[int] = field(factory=list)
    """说明 / 注 / 填表人 rows under the table."""
    missing: list[str] = field(factory=list)
    """Columns the table needs and has not: named once, at its header, and not again on each row."""
    end: int = 0


@define
class Heading:
    """What a table's title block has said so far, read cell by cell."""

    title: str = ""
    year: tuple[int, Origin] | None = None
    values: set[tuple[int, int]] = field(factory=set)
    """Cells read as a label's value: a project named 年度 is a name, not the 年度 label."""


def indicator_columns(grid: Grid, r: int, words: Vocabulary) -> dict[str, int]:
    """Which column holds what, if row ``r`` is an indicator header (三级指标 with 指标值 or 完成值)."""
    best: dict[str, tuple[int, int]] = {}
    for c, text in grid.row_texts(r):
        found = words.key_of("columns", text)
        if found is not None and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], c)
    columns = {k: c for k, (_, c) in best.items()}
    return columns if "name" in columns and ("target" in columns or "actual" in columns) else {}


def _starts_table(grid: Grid, r: int, words: Vocabulary) -> bool:
    """A title, a 项目名称 line or a budget block: the next table's top has begun."""
    texts = grid.row_texts(r)
    if len(texts) <= 2 and any("自评表" in text for _, text in texts):  # a title stands alone on its row
        return True
    return any(words.has("title.name", text) or words.has("title.unit_name", text) or words.has("budget.blocks.ten_hao", text)
               or words.has("budget.blocks.provincial", text) for _, text in texts[:4])


def _own_first(grid: Grid, r: int) -> str:
    """The first text that starts on row ``r`` (not a merged cell coming down from above)."""
    return next((text for c, text in grid.row_texts(r) if grid.anchor(r, c)[0] == r), "")


def find_tables(grid: Grid, words: Vocabulary) -> list[Table]:
    """Every 自评表 on a sheet: walked over the rows that hold something, never the sheet's extent."""
    tables: list[Table] = []
    rows = grid.rows
    k, start = 0, 0
    totals, grades = words["rows.total"], words["rows.grade"]
    while k < len(rows):
        r = rows[k]
        columns = indicator_columns(grid, r, words)
        if not columns:
            k += 1
            continue
        table = Table(grid, r, columns, range(start, r))
        k += 1
        while k < len(rows):
            i = rows[k]
            labels = [bare(t) for _, t in grid.row_texts(i)[:3]]
            if table.totals or table.footers:
                if table.totals and not table.footers and any(lb in EXPORT_TOTALS or lb in grades or lb in totals for lb in labels):
                    table.totals.append(i)
                elif words.kind_of("footer", _own_first(grid, i)) or (table.footers and not _starts_table(grid, i, words)
                                                                      and not indicator_columns(grid, i, words)):
                    table.footers.append(i)
                else:
                    break
                k += 1
                continue
            if any(lb in totals for lb in labels):
                table.totals.append(i)
            elif _starts_table(grid, i, words):
                break
            elif indicator_columns(grid, i, words):
                table.repeated.append(i)  # the header again, on a new printed page
            elif words.kind_of("footer", _own_first(grid, i)):
                table.footers.append(i)
            elif labels:
                table.rows.append(i)
            k += 1
        table.end = rows[k] if k < len(rows) else grid.height
        tables.append(table)
        start = table.end
    return tables


class Reader:
    """Reads every sheet of one workbook into an evaluation document."""

    def __init__(self, shown: str, encoding: str | None = None, department: str | None = None, year: int | None = None,
                 words: Vocabulary | None = None):
        self.shown = shown
        self.words = words if words is not None else load_vocabulary()
        self.given = {k: v for k, v in (("department", department), ("year", year)) if v is not None}
        """What ``score import --department/--year`` says, over what the sheets say."""
        self.report = ReadReport(shown, encoding)
        self.origins: dict[Path_, Origin] = {}
        self.problems: list[Problem] = []
        self.notes: list[Finding] = []
        self.bad_cells: set[tuple[str, tuple[int, int]]] = set()
        self.spoiled: set[Path_] = set()
        """Key paths whose cell could not be read: named once, by its cell."""
        self.reasons: dict[tuple[str, tuple[int, int]], Words] = {}
        """Why a cell with content was not used, where the reader knows better than 'outside any table'."""
        self.grids: list[Grid] = []

    # -- helpers ---------------------------------------------------------------
    def origin(self, grid: Grid, at: tuple[int, int]) -> Origin:
        return grid.where(*at)

    def bad(self, grid: Grid, at: tuple[int, int], expected: Words, found: Words) -> None:
        if (grid.name, grid.anchor(*at)) in self.bad_cells:
            return  # a merged cell read on each of its rows is named once
        self.bad_cells.add((grid.name, grid.anchor(*at)))
        sheet, cell = grid.where(*at)
        place = msg('工作表「{sheet}」{cell}', 'sheet “{sheet}” {cell}', sheet=sheet, cell=cell)
        self.problems.append(Problem(self.shown, place, expected, found))

    def unread(self, grid: Grid, r: int, c: int) -> bool:
        """Whether the cell was named as unreadable (by the grid or by this reader)."""
        at = grid.anchor(r, c)
        return (grid.name, at) in self.bad_cells or any(b[0] == at for b in grid.bad)

    def part(self, grid: Grid, what: Words, where: str, detail: Words = "") -> None:
        self.report.parts.append(Part(grid.name, what, where, detail))

    def right_of(self, grid: Grid, r: int, c: int) -> tuple[str, tuple[int, int]] | None:
        """The first text right of (r, c) that is not the same merged cell."""
        here = grid.anchor(r, c)
        for cc, text in grid.row_texts(r):
            at = grid.anchor(r, cc)
            if cc > c and at != here and text:
                grid.raw(r, cc)
                return text, at
        return None

    # -- a workbook ----------------------------------------------------------------
    def read(self, grids: list[Grid]) -> dict:
        self.grids = grids
        book: dict = {}
        subjects: list[tuple[str, dict, dict[Path_, Origin]]] = []
        for grid in grids:
            if any(bare(t) == SUMMARY_TITLE for _, t in grid.row_texts(0)):
                self.summary(grid, book)
                continue
            tables = find_tables(grid, self.words)
            if not tables:
                self.report.notes.append(msg('工作表「{name}」没有自评表（找不到含「三级指标」和「年度指标值」的表头行），已跳过', 'sheet “{name}” holds no 自评表 (no header row with 三级指标 and 年度指标值); skipped', name=grid.name))
            for table in tables:
                subjects.append(self.table(table, book))
        for grid in grids:
            self.unused(grid)
        return self.assemble(book, subjects, grids)

    def summary(self, grid: Grid, book: dict) -> None:
        """This project's own export: its summary sheet carries the department's own result."""
        self.part(grid, msg('汇总表', 'summary sheet'), "A1")
        grid.raw(0, 0)
        facts = {}
        for r in grid.rows[1:]:
            texts = grid.row_texts(r)
            if len(texts) >= 2 and texts[0][0] == 0:
                facts[bare(texts[0][1])] = (texts[1], r)
        for word, key in SUMMARY_LABELS.items():
            if word in facts:
                (c, text), r = facts[word]
                grid.raw(r, 0)
                grid.raw(r, c)
                self.summary_fact(grid, book, key, (r, c), text)
        for r in grid.rows:  # the rest of the sheet is this project's own output
            for c, _ in grid.row_texts(r):
                self.reasons.setdefault((grid.name, grid.anchor(r, c)), msg('汇总表中的复算结果，不是自评', 'a computed result on the summary sheet'))

    def summary_fact(self, grid: Grid, book: dict, key: str, at: tuple[int, int], text: str) -> None:
        """One labelled line of the summary sheet (``key`` as :data:`SUMMARY_LABELS` names it), kept in ``book``."""
        where = grid.where(*at)
        if key == "year" and (n := grid.number(*at, msg('年度', 'a year'))) is not None:
            book["year"], book["_year_at"] = int(n.value), where
        elif key == "policy":
            policy = re.split(r"[:：]", text)[0].strip()
            if policy in builtin_policy_ids():
                book["policy"] = policy
        elif key == "department":
            book["department"], book["_department_at"] = grid.written(*at), where
        elif key == "score" and (n := grid.number(*at, msg('得分', 'a score'))) is not None:
            book.setdefault("claimed", {})["score"] = n.value
            book.setdefault("_claimed_at", {})["score"] = where
        elif key == "grade":
            book.setdefault("claimed", {})["grade"] = text
            book.setdefault("_claimed_at", {})["grade"] = where

    # -- one table -------------------------------------------------------------------
    def table(self, t: Table, book: dict) -> tuple[str, dict, dict[Path_, Origin]]:
        subject: dict = {}
        origins: dict[Path_, Origin] = {}
        title = self.title_block(t, subject, origins, book)
        kind = "overall" if any(word in flat(title) for word in self.words["subject.overall"]) else "project"
        if kind == "overall" and "unit_name" in subject:
            subject.setdefault("name", subject.pop("unit_name"))
        subject.pop("unit_name", None)
        export, claims = self.columns_of(t)
        rows = self.indicators(t, claims, subject, origins)
        _number_repeated_names(rows)
        subject["indicator"] = rows
        self.totals(t, subject, origins, claims, export)
        for r in t.footers:
            self.skip(t.grid, r, ROW_KINDS["footer"])
        return kind, subject, origins

    def columns_of(self, t: Table) -> tuple[bool, int | None]:
        """Reports the table's range and its claims column, says why its other columns are not read, and
        names a missing 分值 column. Returns whether it is this project's own export, and the claims column."""
        grid = t.grid
        last_row = t.rows[-1] if t.rows else t.header
        area = f"{grid.cell(t.header, min(t.columns.values()))}:{grid.cell(max([last_row] + t.totals), max(t.columns.values()))}"
        self.part(grid, msg('指标表', 'indicator table'), area, msg('{rows} 行指标', '{rows} indicator rows', rows=len(t.rows)))
        export = "claimed" in t.columns and "score" in t.columns
        claims = t.columns.get("claimed", t.columns.get("score"))
        if claims is not None:
            self.part(grid, msg('自评得分列', 'claims column'), grid.cell(t.header, claims),
                      msg('「{v}」', '“{v}”', v=grid.text(t.header, claims, use=False)))
        else:
            self.report.notes.append(msg('工作表「{name}」的指标表没有得分列：没有自评得分可核对', 'sheet “{name}”: the indicator table has no 得分 column, so no claims to check', name=grid.name))
        for c in t.columns.values():
            grid.raw(t.header, c)
        self.unscored_columns(t, export)
        self.missing_columns(t)
        return export, claims

    def missing_columns(self, t: Table) -> None:
        """A column the table needs and the header row does not give, named once at the header, with
        the headers the reader did not know: the one real cause, never each row blamed for it."""
        grid = t.grid
        known = set(t.columns.values())
        unknown = [(c, text) for c, text in grid.row_texts(t.header) if c not in known and grid.anchor(t.header, c)[0] == t.header]
        names = join(NAMES, (f"{grid.cell(t.header, c)}「{text}」" for c, text in unknown))
        for key in ("target", "actual", "weight"):
            if key in t.columns:
                continue
            where = (t.header, min(t.columns.values()))
            words = join(NAMES, self.words[f"columns.{key}"][:4])
            found = (msg('没有这一列；表头中未识别的有：{names}', 'no such column; headers not recognised: {names}', names=names) if unknown
                     else msg('没有这一列', 'no such column'))
            self.bad(grid, where, msg('「{column}」列（已知的表头写法：{words} 等）；若表中另有写法，把它加入词表文件（--vocabulary）或改写表头',
                                      'a {column} column (known headers: {words}, …); if the table spells it otherwise, add the header to a '
                                      'vocabulary file (--vocabulary) or rename it', column=COLUMN_NAMES[key], words=words), found)
            t.missing.append(key)

    def unscored_columns(self, t: Table, export: bool) -> None:
        """Why the cells of the columns that are not read, and of a repeated header, were not used."""
        grid = t.grid
        ignored = {c: msg('本项目导出的复算得分，不作为自评', 'a score this project computed, not a claim')
                   for k, c in t.columns.items() if (k == "score" and export) or k == "formula"}
        for r in t.rows + t.totals + t.repeated:
            for c, _ in grid.row_texts(r):
                if c in ignored:
                    self.reasons[(grid.name, grid.anchor(r, c))] = ignored[c]
                elif c not in t.columns.values():
                    header = grid.text(t.header, c, use=False)
                    self.reasons.setdefault((grid.name, grid.anchor(r, c)),
                                            msg('列「{header}」不参与评分', 'column “{header}” is not scored', header=header) if header
                                            else msg('指标表中没有表头的列', 'a column with no header'))
        for r in t.repeated:
            for c, _ in grid.row_texts(r):
                self.reasons[(grid.name, grid.anchor(r, c))] = msg('重复的表头（换页）', 'the header repeated (a new page)')

    def indicators(self, t: Table, claims: int | None, subject: dict, origins: dict[Path_, Origin]) -> list[dict]:
        """The table's indicator rows, each value's cell recorded in ``origins``; subtotals and rows
        with no name are passed over (a nameless row that cannot be is named as a problem)."""
        grid = t.grid
        rows: list[dict] = []
        level1: str | None = None
        level2: str | None = None
        last = _last_own(t) if not t.totals and not t.footers else None  # where a page cut off may show
        for r in t.rows:
            if self.subtotal(grid, r):
                continue
            level1, level2 = self.levels(t, r, level1, level2)
            if r == last and self.cut_off(t, r):
                continue
            if (kind := self.row_kind(t, r)) is not None:
                self.skip(grid, r, kind)
                continue
            if not grid.text(r, t.columns["name"]):
                if not self.nameless(t, r):
                    for c, _ in grid.row_texts(r):
                        self.reasons.setdefault((grid.name, grid.anchor(r, c)), msg('该行没有三级指标名称，未读', 'the row has no indicator name; not read'))
                continue
            row, row_origins = self.row(t, r, level1, level2, claims)
            self.record_row(t, r, ("indicator", len(rows)), row, row_origins, claims, subject, origins)
            rows.append(row)
        return rows

    def row_kind(self, t: Table, r: int) -> Words | None:
        """What a row under the header is, when it is not an indicator: the form's placeholder (``指标1:``,
        ``……``, ``/``) with nothing filled in, a group heading (``一、示范区建立``) or a breakdown of the
        row above (``其中…``) with no target or points of its own. None: an indicator row."""
        grid, cols = t.grid, t.columns
        name = grid.text(r, cols["name"], use=False)
        if not name:
            return None
        filled = {k: grid.text(r, cols[k], use=False) for k in ("target", "actual", "weight") if k in cols}
        blank = {k: not v or self.words.kind_of("placeholder", v) for k, v in filled.items()}
        if self.words.kind_of("placeholder", name) and all(blank.values()):
            return ROW_KINDS["placeholder"]
        if self.words.kind_of("group", name) and blank.get("target", True) and blank.get("actual", True):
            return ROW_KINDS["group"]
        if self.words.kind_of("breakdown", name) and blank.get("weight", True):
            return ROW_KINDS["breakdown"]
        return None

    def skip(self, grid: Grid, r: int, kind: Words) -> None:
        """A row that is not scored, listed in the read report with its cells and its kind."""
        cells = [grid.written(r, c) for c, _ in grid.row_texts(r) if grid.anchor(r, c)[0] == r]
        self.report.skipped.append(Skipped(grid.name, r + 1, kind, tuple(cells)))

    def subtotal(self, grid: Grid, r: int) -> bool:
        """Whether row ``r`` is a 小计 row (recomputed, so not read)."""
        labels = [bare(text) for _, text in grid.row_texts(r)[:3]]
        if not any(lb in self.words["rows.subtotal"] for lb in labels):
            return False
        for c, _ in grid.row_texts(r):
            self.reasons.setdefault((grid.name, grid.anchor(r, c)), msg('小计行（由各行重新计算）', 'a subtotal (recomputed from the rows)'))
        return True

    def levels(self, t: Table, r: int, level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
        """一级 and 二级 of row ``r``: printed once over a run of rows, so carried down; a new 一级 starts
        with no 二级. Labels are read with their line breaks and spaces removed (``产\n出\n指\n标``);
        a 一级 cell holding only its points (``(50分)``, under a cell that names it) is that block's."""
        grid = t.grid
        if "level1" in t.columns and (text := flat(grid.text(r, t.columns["level1"]))):
            if not bare(text) and level1 is not None and label(level1).points is None and bare(level1):
                text = level1 + text  # 产出指标 / (50分) in two cells: one label
            elif not bare(text):
                self.bad(grid, (r, t.columns["level1"]), msg('一级指标名称（如“产出指标”）', 'a 一级 name (such as 产出指标)'), f'"{text}"')
            if text != level1:
                level2 = None
            level1 = text
        if "level2" in t.columns and (text := flat(grid.text(r, t.columns["level2"]))):
            level2 = text
        return level1, level2

    def record_row(self, t: Table, r: int, at: Path_, row: dict, row_origins: dict[Path_, Origin], claims: int | None,
                   subject: dict, origins: dict[Path_, Origin]) -> None:
        """The cell of each value of the row at ``at``; a value whose cell could not be read is recorded
        as spoiled, so it is named once, by its cell."""
        grid = t.grid
        for path, origin in row_origins.items():
            origins[at + path] = origin
        cells = {"weight": t.columns.get("weight"), "claimed": claims, "target": t.columns.get("target"), "actual": t.columns.get("actual")}
        for key, column in cells.items():
            if key not in row and column is not None and self.unread(grid, r, column):
                origins[at + (key,)] = grid.where(r, column)
                subject.setdefault("_spoiled", []).append(at + (key,))
        for key in t.missing:  # named once at the header: the rows are not blamed for it
            origins[at + (key,)] = grid.where(t.header, min(t.columns.values()))
            subject.setdefault("_spoiled", []).append(at + (key,))

    def title_block(self, t: Table, subject: dict, origins: dict[Path_, Origin], book: dict) -> str:
        grid = t.grid
        head = Heading()
        goal = False
        for r in grid.rows_in(t.top):
            goal = goal or any(self.words.has("rows.goal", text) for _, text in grid.row_texts(r))
            for c, text in grid.row_texts(r):
                self.reasons.setdefault((grid.name, grid.anchor(r, c)), msg('年度总体目标，不参与评分', "the year's overall goal; not scored")
                                        if goal else msg('标题区的说明文字，不参与评分', 'a note in the title block; not scored'))
                self.title_line(grid, (r, c), text, head, subject, origins)
                self.title_label(grid, (r, c), text, head, subject, origins)
        if head.year is None and (m := YEAR.search(head.title)):
            head.year = (int(m.group(1)), origins.get((), (grid.name, "A1")))
        if head.year is not None:
            subject["_year"] = head.year
        funds = next((f for family in FAMILIES if (f := family.find(grid, t.top, self.words)) is not None), None)
        if funds is not None:
            self.funds(grid, funds, subject, origins)
        return head.title

    def title_line(self, grid: Grid, at: tuple[int, int], text: str, head: Heading, subject: dict, origins: dict[Path_, Origin]) -> None:
        """What a title-block cell says in its own text: the title, the year, 金额单位, 填报单位."""
        if "自评表" in text and not head.title:
            head.title = text
            grid.raw(*at)
            origins[()] = grid.where(*at)
            self.part(grid, msg('标题', 'title'), grid.cell(*at), text)
        if head.year is None and (m := re.search(r"((?:19|20)\d\d)\s*年度", fold(text))):
            head.year = (int(m.group(1)), grid.where(*at))
            grid.raw(*at)
        if (unit := money_unit_in(text)) is not None:
            grid.raw(*at)
            subject["_money_unit"] = (unit, grid.where(*at))
        if (filler := filler_in(text)) is not None:
            grid.raw(*at)
            subject.setdefault("department", filler)
            origins.setdefault(("department",), grid.where(*at))

    def title_label(self, grid: Grid, at: tuple[int, int], text: str, head: Heading, subject: dict, origins: dict[Path_, Origin]) -> None:
        """A title-block label (项目名称, 主管部门, 年度, …) and the value in the first cell right of it."""
        found_key = self.words.key_of("title", text)
        key = found_key[0] if found_key is not None else None
        if key is None or key in subject or grid.anchor(*at) in head.values:
            return
        name = bare(text)
        grid.raw(*at)
        found = self.right_of(grid, *at)
        if found is None:
            return
        value, value_at = found
        if key in UNIT_KEYS and self.words.key_of("title", value) is not None:  # a blank 主管部门: the next cell is the next label
            return
        head.values.add(value_at)
        if key == "year":
            if (n := grid.number(*value_at, msg('年度', 'a year'))) is not None:
                head.year = (int(n.value), grid.where(*value_at))
            return
        written = grid.written(*value_at)
        if key in UNIT_KEYS:
            written = self.unit_name(grid, value_at, name, written)
            if not written:
                return
        subject[key] = written
        origins[(key,)] = grid.where(*value_at)

    def unit_name(self, grid: Grid, at: tuple[int, int], label: str, written: str) -> str:
        """The name in a 主管部门 or 实施单位 cell, without the filling date or contact written after it
        (``区商务局;填报日期 2021年4月22日``); what was cut is noted, never read as the name."""
        name, rest = name_and_rest(written)
        if not rest:
            return name
        sheet, cell = grid.where(*at)
        if name:
            self.report.notes.append(msg('工作表「{sheet}」{cell}：{label}读作「{name}」，同格的「{rest}」不是名称的一部分',
                                         'sheet “{sheet}” {cell}: {label} read as “{name}”; “{rest}” in the same cell is not part of it',
                                         sheet=sheet, cell=cell, label=label, name=name, rest=rest))
        else:
            self.report.notes.append(msg('工作表「{sheet}」{cell}：{label}一格只写了「{rest}」，没有名称',
                                         'sheet “{sheet}” {cell}: the {label} cell holds only “{rest}”, no name',
                                         sheet=sheet, cell=cell, label=label, rest=rest))
        return name

    def funds(self, grid: Grid, funds: Funds, subject: dict, origins: dict[Path_, Origin]) -> None:
        first, last = funds.rows
        self.part(grid, msg('项目资金', 'budget block'), f"{grid.cell(first, 0)}:{grid.cell(last, grid.last_column(range(first, last + 1)))}",
                  msg('版式：{layout}', 'layout: {layout}', layout=funds.layout))
        budget = {}
        for key, (value, at) in funds.figures.items():
            budget[key] = value
            origins[("budget", key)] = grid.where(*at)
        if budget:
            subject["budget"] = budget
        if {"full_year", "executed"} <= funds.figures.keys():
            self.implausible(grid, funds, subject)
        if funds.points is not None:
            subject["budget_points"] = funds.points[0]
            origins[("budget_points",)] = grid.where(*funds.points[1])
        if funds.claimed is not None:
            subject.setdefault("claimed", {})["budget_score"] = funds.claimed[0]
            origins[("claimed", "budget_score")] = grid.where(*funds.claimed[1])
        if funds.money_unit is not None:
            unit, unit_at = funds.money_unit[0], grid.where(*funds.money_unit[1])
            line = subject.setdefault("_money_unit", (unit, unit_at))
            if line[0] != unit:  # the block and a title line disagree: which one holds is not ours to guess
                self.bad(grid, funds.money_unit[1], msg('与「{v}」所写金额单位（{v2}）一致的单位', 'the money unit {v} gives ({v2})', v=line[1][1], v2=line[0]), unit)
        for zh, en, at in funds.notes:
            sheet, cell = grid.where(*at)
            self.report.notes.append(msg('工作表「{sheet}」{cell}：{zh}', 'sheet “{sheet}” {cell}: {en}', sheet=sheet, cell=cell, zh=zh, en=en))
            subject.setdefault("_notes", []).append((zh, en))

    def implausible(self, grid: Grid, funds: Funds, subject: dict) -> None:
        """An executed amount a thousand times smaller or larger than its budget: one of them is in the
        other money unit (元 against 万元). Both cells are named; the figures are scored as written."""
        (budget, b_at), (executed, e_at) = funds.figures["full_year"], funds.figures["executed"]
        if budget > 0 and executed > 0 and not (IMPLAUSIBLE <= executed / budget <= 1 / IMPLAUSIBLE):
            subject.setdefault("_implausible", []).append((grid.where(*b_at), plain(budget), grid.where(*e_at), plain(executed)))

    # -- one row -------------------------------------------------------------------
    def row(self, t: Table, r: int, level1: str | None, level2: str | None, claims: int | None) -> tuple[dict, dict[Path_, Origin]]:
        grid, cols = t.grid, t.columns
        row: dict = {}
        origins: dict[Path_, Origin] = {(): grid.where(r, cols["name"])}

        def put(key: str, value, c: int) -> None:
            row[key] = value
            origins[(key,)] = grid.where(r, c)

        if "id" in cols and (text := grid.text(r, cols["id"])):
            put("id", text, cols["id"])
        if level1:
            put("level1", level1, cols["level1"])
        if level2:
            put("level2", level2, cols["level2"])
        put("name", grid.written(r, cols["name"]), cols["name"])
        if "comparator" in cols and (text := grid.text(r, cols["comparator"])):
            put("comparator", text, cols["comparator"])
        percent_target = self.target(t, r, put)
        self.actual(t, r, put, percent_target)
        if "weight" in cols:
            c = cols["weight"]
            n = grid.number(r, c, msg('分值（数字）', 'points (a number)'))
            if n is not None and n.percent:
                self.bad(grid, (r, c), msg('分值（分数，不是百分比）', 'points (a number, not a percentage)'), f'"{n.text()}"')
            elif n is not None:
                put("weight", n.value, c)
            elif not grid.text(r, c, use=False):
                self.bad(grid, (r, c), msg('该行的分值（分值不会被猜测）', "the row's points (never guessed)"), msg('空', 'empty'))
        if "reason" in cols and (text := grid.text(r, cols["reason"])):
            put("reason", str(grid.raw(r, cols["reason"])).strip(), cols["reason"])
        if claims is not None and (n := grid.number(r, claims, msg('得分（数字）', 'a score (a number)'))) is not None:
            put("claimed", n.value, claims)
        return row, origins

    def cut_off(self, t: Table, r: int) -> bool:
        """A table with no 总分 row whose last row is a 一级 or 二级 label and nothing else (or the form's
        placeholder name beside it, ``成本指标 | 指标1:``): the page ends there, with that block's rows and the total not printed. Named at the label: what is
        printed cannot be totalled (a short table would score as if whole)."""
        grid = t.grid
        own = [(c, text) for c, text in grid.row_texts(r) if grid.anchor(r, c)[0] == r]
        labels = [t.columns[k] for k in ("level1", "level2") if k in t.columns]
        name = t.columns["name"]
        if not any(c in labels for c, _ in own) or any(
                c not in labels and not (c == name and self.words.kind_of("placeholder", text)) for c, text in own):
            return False
        c = own[-1][0]
        text = next(text for cc, text in own if cc in labels)
        self.bad(grid, (r, c), msg('「{label}」之下的指标行和总分行', 'the rows under “{label}” and the 总分 row', label=text),
                 msg('表格在此结束（页面截断？）：其下各行与总分均未印出，无法合计', 'the table ends here (a page cut off?): nothing under it '
                     'nor a total is printed, so it cannot be totalled'))
        return True

    def nameless(self, t: Table, r: int) -> bool:
        """A row without a name that cannot be passed over: its name is a formula with no saved
        value, or it has points and a target or actual. Named as a problem: points never vanish."""
        grid, c = t.grid, t.columns["name"]
        if grid.anchor(r, c) in grid.uncached:
            self.bad(grid, (r, c), msg('三级指标名称', 'the indicator name'), UNCACHED)
            return True
        columns = [t.columns[k] for k in ("target", "actual") if k in t.columns]
        if "weight" in t.columns and grid.text(r, t.columns["weight"], use=False) and any(grid.text(r, k, use=False) for k in columns):
            self.bad(grid, (r, c), msg('三级指标名称（该行有分值和指标值，不会略过）', 'an indicator name (the row has points and values; it is never skipped)'),
                     msg('空', 'empty'))
            return True
        return False

    def target(self, t: Table, r: int, put) -> Decimal | None:
        """Writes ``target`` (and ``unit``); returns the target's number when it is a percentage."""
        grid, cols = t.grid, t.columns
        if "target" not in cols:
            return None
        c = cols["target"]
        if "adjusted" in cols and grid.text(r, cols["adjusted"], use=False):
            c = cols["adjusted"]  # the target as adjusted during the year is the one scored (10号)
            grid.raw(r, cols["target"])
        unit = grid.text(r, cols["unit"]) if "unit" in cols else ""
        n = grid.number(r, c, msg('指标值', 'a target')) if grid.is_number(r, c) else None
        if n is not None:
            text = n.text()
            if unit and (n.percent or any(w in unit for w in COMPARATOR_WORDS)):
                put("target", text + unit if not (n.percent and unit.startswith("%")) else plain(n.value) + unit, c)
            elif unit:
                put("target", n.value, c)
                put("unit", unit, cols["unit"])
            else:
                put("target", text if n.percent else n.value, c)
            percent = n.percent or unit.startswith("%")
            return n.value if percent else None
        text = grid.text(r, c)
        if not text:
            self.bad(grid, (r, c), msg('年度指标值', 'a target'), msg('空', 'empty'))
            return None
        q = quantity(text)
        if unit and q is not None and q.unit is None:
            text += unit
            q = quantity(text)
        elif unit and q is not None:
            put("unit", unit, cols["unit"])
        put("target", text, c)
        return q.number if q is not None and q.unit is not None and q.unit.startswith("%") else None

    def actual(self, t: Table, r: int, put, percent_target: Decimal | None) -> None:
        grid, cols = t.grid, t.columns
        if "actual" not in cols:
            return
        c = cols["actual"]
        n = grid.number(r, c, msg('实际完成值', 'an actual value')) if grid.is_number(r, c) else None
        text = ""
        if n is not None:
            fraction = None if n.percent else n.value
        else:
            text = grid.text(r, c)
            q = quantity(text) if text else None
            fraction = q.number if q is not None and q.unit is None and q.comparator is None else None
        if fraction is not None and percent_target is not None and percent_target > 1 and 0 < fraction <= 1:
            # 0.97 against a target of 95%: 97 % typed as a fraction, or 0.97 %? Not ours to guess.
            shown, meant = plain(fraction), plain(fraction * 100)
            self.bad(grid, (r, c), msg('百分数（指标值为 {percent_target}%，{shown} 可能是 {meant}%；请写作 {meant}%）', 'a percentage (the target is {percent_target}%; {shown} may mean {meant}%: write {meant}%)', percent_target=plain(percent_target), shown=shown, meant=meant), shown)
        elif n is not None:
            put("actual", n.text() if n.percent else n.value, c)
        elif text == "不适用":
            put("status", "na", c)
        elif m := RATE.match(text):
            put("rate", Decimal(m.group(1)) / (100 if m.group(2) else 1), c)
        elif text and text != "未填报":
            put("actual", text, c)
        else:
            self.bad(grid, (r, c), msg('实际完成值', 'an actual value'), f'"{text}"' if text else msg('空', 'empty'))

    def totals(self, t: Table, subject: dict, origins: dict[Path_, Origin], claims: int | None, export: bool) -> None:
        grid, cols = t.grid, t.columns
        claimed = subject.setdefault("claimed", {})
        for r in t.totals:
            texts = grid.row_texts(r)
            totals, grades = self.words["rows.total"], self.words["rows.grade"]
            label = next((bare(text) for _, text in texts[:3] if bare(text) in totals + EXPORT_TOTALS + grades), "")
            for c, text in texts[:3]:
                if bare(text) == label:
                    grid.raw(r, c)
            if label in grades:
                at = (r, claims) if export and claims is not None else next(
                    ((r, c) for c, text in texts if bare(text) not in grades and bare(text) not in ("自评等级", "自评总分")), None)
                if at is not None and (grade := grid.text(*at)):
                    claimed["grade"] = grade
                    origins[("claimed", "grade")] = grid.where(*at)
                continue
            if export and label == "百分制得分" or not export and label in totals:
                if claims is not None and (n := grid.number(r, claims, msg('总分（数字）', 'a total (a number)'))) is not None:
                    claimed["score"] = n.value
                    origins[("claimed", "score")] = grid.where(r, claims)
                    self.part(grid, msg('总分', 'total'), grid.cell(r, claims), n.text())
            if not export and label in totals and "weight" in cols:
                if (n := grid.number(r, cols["weight"], msg('分值合计（数字）', 'a points total (a number)'))) is not None:
                    claimed["points"] = n.value
                    origins[("claimed", "points")] = grid.where(r, cols["weight"])
            for c, _ in texts:
                self.reasons.setdefault((grid.name, grid.anchor(r, c)), msg('总分行中的复算结果或说明', 'a computed figure or label of the total rows'))
        if not claimed:
            subject.pop("claimed")

    # -- the rest ----------------------------------------------------------------
    def unused(self, grid: Grid) -> None:
        for (r, c), value in sorted(grid.values.items()):
            if (r, c) in grid.used or grid.anchor(r, c) != (r, c):
                continue
            text = value.strip() if isinstance(value, str) else grid.text(r, c, use=False)
            reason = self.reasons.get((grid.name, (r, c)), msg('不在任何自评表内', 'outside any 自评表'))
            self.report.unused.append(Unused(grid.name, grid.cell(r, c), text, reason))
        for at, expected, found in grid.bad:
            self.bad(grid, at, expected, found)

    def assemble(self, book: dict, subjects: list[tuple[str, dict, dict[Path_, Origin]]], grids: list[Grid]) -> dict:
        """The evaluation document: the department, year, policy and claims of the book, then each table
        as the overall subject or a project, every value's cell kept in :attr:`origins`."""
        doc: dict = {}
        first = grids[0].name if grids else ""
        department = self.put_department(book, subjects, first, doc)
        self.put_year(book, subjects, doc)
        if "policy" in book:
            doc["policy"] = book["policy"]
        units = {s["_money_unit"][0] for _, s, _ in subjects if "_money_unit" in s and "budget" in s}
        money = units.pop() if len(units) == 1 else "元"
        doc["money_unit"] = money
        if "claimed" in book:
            doc["claimed"] = book["claimed"]
            for key, at in book.get("_claimed_at", {}).items():
                self.origins[("claimed", key)] = at
        projects: list[dict] = []
        for kind, s, origins in subjects:
            notes, spoiled = self.settle(s, origins, department, money, first)
            if kind == "overall" and "overall" in doc:
                sheet, cell = origins.get((), (first, "A1"))
                self.problems.append(Problem(self.shown, msg('工作表「{sheet}」{cell}', 'sheet “{sheet}” {cell}', sheet=sheet, cell=cell),
                                             msg('至多一张部门整体支出绩效自评表', 'at most one 部门整体 table'), msg('第二张', 'a second one')))
                continue
            if kind == "overall":
                subject_at: Path_ = ("overall",)
                doc["overall"] = s
            else:
                subject_at = ("project", len(projects))
                projects.append(s)
            self.place_subject(subject_at, kind, s, origins, spoiled, notes)
        if projects:
            doc["project"] = projects
        doc.update(self.given)
        self.heads_missing(doc, subjects, first)
        return doc

    def put_department(self, book: dict, subjects: list[tuple[str, dict, dict[Path_, Origin]]], first: str, doc: dict) -> str | None:
        """The department: the summary sheet's, or the first table's that names one."""
        department = book.get("department") or next((s.get("department") for _, s, _ in subjects if s.get("department")), None)
        if department:
            doc["department"] = department
            self.origins[("department",)] = book.get("_department_at") or next(
                (o[("department",)] for _, s, o in subjects if ("department",) in o), (first, "A1"))
        return department

    def put_year(self, book: dict, subjects: list[tuple[str, dict, dict[Path_, Origin]]], doc: dict) -> None:
        """The year: the summary sheet's, or the first table's that gives one."""
        year: tuple[int, Origin] | None = (book["year"], book["_year_at"]) if "year" in book else None
        if year is None:
            year = next((s["_year"] for _, s, _ in subjects if "_year" in s), None)
        if year is not None:
            doc["year"] = year[0]
            self.origins[("year",)] = year[1]

    def settle(self, s: dict, origins: dict[Path_, Origin], department: str | None, money: str, first: str) -> tuple[list, list]:
        """A subject made ready for the document: what the reader kept beside its values taken out, an
        实施单位 that only repeats the department dropped, its budget put in the book's money unit.
        Returns its notes and the paths of its values that could not be read."""
        unit = s.pop("_money_unit", None)
        s.pop("_year", None)
        notes = s.pop("_notes", [])
        spoiled = s.pop("_spoiled", [])
        department_here = s.pop("department", None)
        if "agency" in s and s["agency"] in (department, department_here):
            s.pop("agency")
            origins.pop(("agency",), None)
        if "budget" in s:
            self.budget_unit(s, origins, unit, money, first)
        return notes, spoiled


    def budget_unit(self, s: dict, origins: dict[Path_, Origin], unit: tuple[str, Origin] | None, money: str, first: str) -> None:
        """A budget block with no money unit is read as 元, and said to be; one in 万元 beside others in 元
        is put in 元 (an evaluation has one money unit)."""
        if unit is None:
            sheet, _ = origins.get(("budget", "full_year"), origins.get((), (first, "A1")))
            self.report.notes.append(msg('工作表「{sheet}」的项目资金没有注明金额单位，按 元 读', 'sheet “{sheet}”: the budget block names no money unit; read as 元', sheet=sheet))
            return
        if unit[0] != money:
            s["budget"] = {k: v * 10000 for k, v in s["budget"].items()}
            self.report.notes.append(msg('工作表「{v}」的金额由万元换算为元', 'sheet “{v}”: amounts converted from 万元 to 元', v=unit[1][0]))
        self.part_at(unit[1], msg('金额单位', 'money unit'), unit[0])

    def place_subject(self, subject_at: Path_, kind: str, s: dict, origins: dict[Path_, Origin], spoiled: list, notes: list) -> None:
        """The cells of a subject's values, under its place in the document, and its reading notes as findings."""
        for path, origin in origins.items():
            self.origins[subject_at + path] = origin
        self.spoiled.update(subject_at + path for path in spoiled)
        for (sheet, b_cell), budget, (_, e_cell), executed in s.pop("_implausible", []):
            self.notes.append(Finding.of(FindingCode.AMOUNT_IMPLAUSIBLE, say(
                FindingCode.AMOUNT_IMPLAUSIBLE, subject=_subject_name(kind, s), sheet=sheet, budget_cell=b_cell, budget=budget,
                executed_cell=e_cell, executed=executed), _subject_id(kind, s), place=f"{self.shown} {sheet}!{e_cell}"))
        for zh, en in notes:
            self.notes.append(Finding.of(FindingCode.FUNDS_ROW, say(FindingCode.FUNDS_ROW, kind=_subject_name(kind, s), zh=zh, en=en),
                                         _subject_id(kind, s)))

    def heads_missing(self, doc: dict, subjects: list[tuple[str, dict, dict[Path_, Origin]]], first: str) -> None:
        """No table at all, or no department or year found anywhere: each is a problem that says where to write it."""
        if not subjects:
            self.no_table()
            self.spoiled.update({("department",), ("year",)})  # no table: its department and year are not missing on their own
            return
        where = subjects[0][2].get((), (first, "A1"))
        place = msg('工作表「{v}」{v2}', 'sheet “{v}” {v2}', v=where[0], v2=where[1])
        if "department" not in doc:
            self.spoiled.add(("department",))
            self.problems.append(Problem(self.shown, place, msg('部门名称：表中的「主管部门」「填报单位」或「部门名称」（score import 可用 --department 给出）', 'the department: a 主管部门, 填报单位 or 部门名称 cell (score import takes --department)'),
                                         msg('没有', 'none')))
        if "year" not in doc:
            self.spoiled.add(("year",))
            self.problems.append(Problem(self.shown, place, msg('年度：标题或「（2023年度）」一行（score import 可用 --year 给出）', 'the year: in the title or a （2023年度） line (score import takes --year)'),
                                         msg('没有', 'none')))

    def no_table(self) -> None:
        """No indicator header anywhere. Where a sheet has a 自评表 title, the table was cut off or its
        header is spelled in words we do not know: the problem names the sheet's last cell."""
        expected = msg('至少一张含「三级指标」「年度指标值」表头的自评表', 'a 自评表 with 三级指标 and 年度指标值 headers')
        titled = next((g for g in self.grids if any("自评表" in text for r in g.rows[:6] for _, text in g.row_texts(r))), None)
        if titled is None or not titled.values:
            self.problems.append(Problem(self.shown, "", expected, msg('没有', 'none')))
            return
        r, c = max(titled.values)
        sheet, cell = titled.where(r, c)
        self.problems.append(Problem(self.shown, msg('工作表「{sheet}」{cell}', 'sheet “{sheet}” {cell}', sheet=sheet, cell=cell), expected,
                                     msg('标题之下到 {cell} 为止没有指标表头（表格在此截断，或表头写法未识别：可加入词表文件 --vocabulary）',
                                         'no indicator header below the title down to {cell} (the table is cut off there, or its headers are '
                                         'spelled in words not known: add them with --vocabulary)', cell=cell)))

    def part_at(self, origin: Origin, what: Words, detail: Words) -> None:
        self.report.parts.append(Part(origin[0], what, origin[1], detail))


def _subject_name(kind: str, s: dict) -> Text:
    return subject_name(kind == "overall", s.get("name"))


def _subject_id(kind: str, s: dict) -> str | None:
    """The id a subject's findings carry, as the loader will give it."""
    return s.get("id") or s.get("name") or ("overall" if kind == "overall" else None)


def _last_own(t: Table) -> int | None:
    """The table's last row with a cell of its own (not only merged cells coming down from above)."""
    grid = t.grid
    return next((r for r in reversed(t.rows) if any(grid.anchor(r, c)[0] == r for c, _ in grid.row_texts(r))), None)


def _number_repeated_names(rows: list[dict]) -> None:
    """Rows without an 编号 are keyed by name; a name that repeats gets its occurrence number."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["name"]] = counts.get(row["name"], 0) + 1
    seen: dict[str, int] = {}
    for row in rows:
        name = row["name"]
        if "id" not in row and counts[name] > 1:
            seen[name] = seen.get(name, 0) + 1
            row["id"] = f"{name}（{seen[name]}）"
