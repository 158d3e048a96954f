"""A filled 自评表 (Excel workbook or CSV) → an evaluation file.

A bureau receives self-evaluations as workbooks in the official
项目支出绩效自评表 layout, or close to it: merged 一级/二级 cells, blank rows,
extra title rows, budgets in 万元, targets spelled every way tables spell
them. Each sheet is searched for its labels (项目名称, 全年预算数, 三级指标 …)
rather than read at fixed cells. The 得分 column becomes the claimed scores,
so the evaluation written can be re-scored. The result is checked by the same
loader as any evaluation file; a mistake is reported by sheet and cell.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from attrs import define, field

from ..errors import InputError, Problem, display_path
from ..i18n import tr
from ..numbers import plain
from ..policy import DEFAULT_POLICY, builtin_policy_ids
from ._targets import fold

HEADERS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "绩效指标", "指标名称"),
    "comparator": ("指标性质", "比较符"),
    "target": ("年度指标值", "指标值", "目标值", "计划值", "年度目标值"),
    "unit": ("度量单位", "计量单位", "单位"),
    "actual": ("实际完成值", "完成值", "实际值", "全年实际值"),
    "weight": ("分值", "权重", "指标权重"),
    "score": ("得分",),
    "reason": ("偏差原因分析及改进措施", "偏差原因", "偏差原因分析", "未完成原因分析"),
    "claimed": ("自评得分",),
    "id": ("编号", "指标编号"),
}
FUNDS = {"initial": ("年初预算数",), "full_year": ("全年预算数",), "executed": ("全年执行数",), "received": ("实际到位资金",),
         "points": ("分值",), "score": ("得分",), "claimed": ("自评得分",)}
TOTAL_LABELS = ("总分", "合计", "总计")
RATE = re.compile(r"^完成率\s*([0-9.]+)\s*(%?)$")
YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return plain(Decimal(value))
    return fold(str(value))


def _number(value: Any) -> Decimal | None:
    """A cell as an exact number: numbers as stored, text with full-width digits or thousands commas too."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    text = fold(str(value)).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@define
class Sheet:
    """One sheet as a grid of values, merged ranges filled with their top-left value."""

    name: str
    rows: list[list[Any]]

    def at(self, r: int, c: int) -> Any:
        return self.rows[r][c] if r < len(self.rows) and c < len(self.rows[r]) else None

    def cell(self, r: int, c: int) -> str:
        return f"{column_letter(c + 1)}{r + 1}"

    def find(self, labels: tuple[str, ...], rows: range | None = None) -> tuple[int, int] | None:
        for r in rows or range(len(self.rows)):
            for c, v in enumerate(self.rows[r]):
                if _text(v) in labels:
                    return r, c
        return None

    def right_of(self, labels: tuple[str, ...]) -> str | None:
        at = self.find(labels, range(min(len(self.rows), 12)))
        if at is None:
            return None
        r, c = at
        for v in self.rows[r][c + 1:]:
            if _text(v) and _text(v) != _text(self.rows[r][c]):
                return _text(v)
        return None


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, or the one table of a CSV file."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = [[cell if cell.strip() else None for cell in row] for row in csv.reader(fh)]
        return [Sheet(path.stem, rows)]
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:
            top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(rows) else None
            for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
                for c in range(rng.min_col - 1, rng.max_col):
                    if c < len(rows[r]):
                        rows[r][c] = top
        sheets.append(Sheet(ws.title, rows))
    return sheets


@define
class Row:
    sheet: str
    line: int
    keys: dict[str, Any] = field(factory=dict)


@define
class Subject:
    sheet: str
    kind: str
    name: str | None = None
    id: str | None = None
    agency: str | None = None
    budget: dict[str, Decimal] = field(factory=dict)
    budget_points: Decimal | None = None
    claimed: dict[str, Any] = field(factory=dict)
    rows: list[Row] = field(factory=list)
    money_unit: str = "元"


@define
class Workbook:
    department: str | None = None
    year: int | None = None
    policy: str | None = None
    money_unit: str = "元"
    claimed: dict[str, Any] = field(factory=dict)
    subjects: list[Subject] = field(factory=list)


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.shown = display_path(path)
        self.problems: list[Problem] = []

    def bad(self, sheet: Sheet, r: int, c: int, expected: str, found: Any) -> None:
        where = tr(f"工作表「{sheet.name}」{sheet.cell(r, c)}", f"sheet “{sheet.name}” {sheet.cell(r, c)}")
        shown = tr("空", "empty") if found is None or found == "" else f'"{_text(found)}"'
        self.problems.append(Problem(self.shown, where, expected, shown))

    def summary(self, sheet: Sheet, book: Workbook) -> None:
        book.department = sheet.right_of(("部门",)) or book.department
        year = _number(sheet.right_of(("年度",)))
        book.year = int(year) if year is not None else book.year
        rule = sheet.right_of(("评分规则",)) or ""
        policy = rule.split("：")[0].split(":")[0].strip()
        book.policy = policy if policy in builtin_policy_ids() else book.policy
        score = sheet.right_of(("自评得分",))
        grade = sheet.right_of(("自评等级",))
        if score and _number(score) is not None:
            book.claimed["score"] = _number(score)
        if grade:
            book.claimed["grade"] = grade

    def subject(self, sheet: Sheet, book: Workbook) -> Subject | None:
        head = None
        for r, row in enumerate(sheet.rows):
            texts = {_text(v) for v in row}
            if texts & set(HEADERS["name"]) and texts & set(HEADERS["target"]) and texts & set(HEADERS["weight"]):
                head = r
                break
        if head is None:
            return None
        top = " ".join(_text(v) for row in sheet.rows[:head] for v in row if v is not None)
        kind = "overall" if "部门整体" in top else "project"
        s = Subject(sheet.name, kind)
        s.name = sheet.right_of(("项目名称", "部门名称", "单位名称"))
        s.id = sheet.right_of(("项目编号",))
        s.agency = sheet.right_of(("实施单位",))
        book.department = book.department or sheet.right_of(("主管部门", "部门", "预算部门"))
        if book.year is None and (m := YEAR.search(top)):
            book.year = int(m.group(1))
        self.funds(sheet, head, s, book)
        columns = {}
        for c, v in enumerate(sheet.rows[head]):
            for key, names in HEADERS.items():
                if _text(v) in names and key not in columns:
                    columns[key] = c
        for key in ("name", "target", "weight"):
            if key not in columns:
                self.bad(sheet, head, 0, tr(f"表头「{HEADERS[key][0]}」", f"a “{HEADERS[key][0]}” header"), None)
        has_claims = "claimed" in columns
        level1 = level2 = None
        for r in range(head + 1, len(sheet.rows)):
            row = sheet.rows[r]
            first = next((_text(v) for v in row[:6] if _text(v)), "")
            if first in TOTAL_LABELS or first in ("百分制得分", "等级"):
                self.totals(sheet, r, s, columns, has_claims)
                continue
            if not any(_text(v) for v in row) or _text(sheet.at(r, columns.get("name", 0))) in HEADERS["name"]:
                continue  # a blank row, or the header again on a new page
            name = _text(sheet.at(r, columns.get("name", 0)))
            if not name:
                continue
            level1 = _text(sheet.at(r, columns["level1"])) if "level1" in columns and _text(sheet.at(r, columns["level1"])) else level1
            if "level2" in columns:
                level2 = _text(sheet.at(r, columns["level2"])) or (level2 if not _text(sheet.at(r, columns.get("level1", 0))) else None)
            s.rows.append(self.row(sheet, r, columns, level1, level2, has_claims))
        return s

    def funds(self, sheet: Sheet, head: int, s: Subject, book: Workbook) -> None:
        at = sheet.find(FUNDS["full_year"], range(head))
        if at is None:
            return
        r, _ = at
        label = " ".join(_text(v) for v in sheet.rows[r] if v is not None) + " " + " ".join(
            _text(v) for v in (sheet.rows[r + 1] if r + 1 < len(sheet.rows) else []) if v is not None)
        if "万元" in label:
            s.money_unit = "万元"
        cols = {}
        for c, v in enumerate(sheet.rows[r]):
            for key, names in FUNDS.items():
                if _text(v) in names and key not in cols:
                    cols[key] = c
        values = next((i for i in range(r + 1, head) if _number(sheet.at(i, cols["full_year"])) is not None), None)
        if values is None:
            return
        for key in ("initial", "full_year", "executed", "received"):
            if key in cols and (n := _number(sheet.at(values, cols[key]))) is not None:
                s.budget[key] = n
            elif key in cols and _text(sheet.at(values, cols[key])):
                self.bad(sheet, values, cols[key], tr("金额", "an amount"), sheet.at(values, cols[key]))
        if "points" in cols:
            s.budget_points = _number(sheet.at(values, cols["points"]))
        claim_col = cols.get("claimed", cols.get("score") if "claimed" not in cols else None)
        if claim_col is not None and (n := _number(sheet.at(values, claim_col))) is not None:
            s.claimed["budget_score"] = n

    def totals(self, sheet: Sheet, r: int, s: Subject, columns: dict, has_claims: bool) -> None:
        label = next(_text(v) for v in sheet.rows[r][:6] if _text(v))
        if has_claims:
            value = _text(sheet.at(r, columns["claimed"]))
            if label == "百分制得分" and _number(value) is not None:
                s.claimed["score"] = _number(value)
            elif label == "等级" and value:
                s.claimed["grade"] = value
        elif label in TOTAL_LABELS and "score" in columns and (n := _number(sheet.at(r, columns["score"]))) is not None:
            s.claimed["score"] = n
        elif label == "等级":
            grade = next((_text(v) for v in sheet.rows[r][1:] if _text(v) and _text(v) != "等级"), None)
            if grade:
                s.claimed["grade"] = grade

    def row(self, sheet: Sheet, r: int, columns: dict, level1, level2, has_claims: bool) -> Row:
        out = Row(sheet.name, r + 1)
        k = out.keys

        def get(key):
            return sheet.at(r, columns[key]) if key in columns else None

        k["id"] = _text(get("id")) or None
        k["level1"] = level1 or ""
        if level2:
            k["level2"] = level2
        k["name"] = _text(get("name"))
        if _text(get("comparator")):
            k["comparator"] = _text(get("comparator"))
        target = get("target")
        if _number(target) is not None and not isinstance(target, str):
            k["target"] = _number(target)
        elif _text(target):
            k["target"] = _text(target)
        else:
            self.bad(sheet, r, columns["target"], tr("年度指标值", "a target"), target)
        if _text(get("unit")) and "target" in k and not isinstance(k["target"], str):
            k["unit"] = _text(get("unit"))
        elif _text(get("unit")) and isinstance(k.get("target"), str) and _number(k["target"]) is not None:
            k["target"] = k["target"] + _text(get("unit"))
        weight = _number(get("weight"))
        if weight is None:
            self.bad(sheet, r, columns["weight"], tr("分值（数字）", "points (a number)"), get("weight"))
        else:
            k["weight"] = weight
        actual = get("actual")
        text = _text(actual)
        if text == "不适用":
            k["status"] = "na"
        elif m := RATE.match(text):
            k["rate"] = Decimal(m.group(1)) / (100 if m.group(2) else 1)
        elif text == "未填报":
            self.bad(sheet, r, columns["actual"], tr("实际完成值", "an actual value"), actual)
        elif _number(actual) is not None and not isinstance(actual, str):
            k["actual"] = _number(actual)
        elif text:
            k["actual"] = text
        elif "actual" in columns:
            self.bad(sheet, r, columns["actual"], tr("实际完成值", "an actual value"), actual)
        if _text(get("reason")):
            k["reason"] = str(get("reason")).strip()
        claim = get("claimed") if has_claims else get("score")
        if _text(claim):
            n = _number(claim)
            if n is None:
                self.bad(sheet, r, columns["claimed" if has_claims else "score"], tr("得分（数字）", "a score (a number)"), claim)
            else:
                k["claimed"] = n
        return out


def read_workbook(path: Path) -> Workbook:
    """Read a filled 自评表; every cell that cannot be read is named at once."""
    shown = display_path(path)
    if not path.is_file():
        raise InputError([Problem(shown, "", tr("一个存在的文件", "an existing file"), tr("文件不存在", "no such file"))])
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".csv"):
        raise InputError([Problem(shown, "", tr(".xlsx 或 .csv 文件", "an .xlsx or .csv file"), path.suffix or tr("无扩展名", "no extension"))])
    try:
        sheets = read_sheets(path)
    except Exception as exc:  # openpyxl's own errors: not a workbook, a damaged one
        raise InputError([Problem(shown, "", tr("可读的 Excel 工作簿", "a readable Excel workbook"), f"{type(exc).__name__}: {exc}")]) from None
    reader = _Reader(path)
    book = Workbook()
    for sheet in sheets:
        if any(_text(v) == "绩效自评结果汇总" for row in sheet.rows[:3] for v in row):
            reader.summary(sheet, book)
    for sheet in sheets:
        subject = reader.subject(sheet, book)
        if subject is not None:
            book.subjects.append(subject)
    if not book.subjects:
        reader.problems.append(Problem(shown, "", tr("至少一张含「三级指标」「年度指标值」「分值」表头的工作表",
                                                     "a sheet with 三级指标, 年度指标值 and 分值 headers"), tr("没有", "none")))
    if reader.problems:
        raise InputError(reader.problems)
    return book


# -- writing the evaluation ----------------------------------------------------------

def _value(v: Any) -> str:
    if isinstance(v, Decimal):
        return plain(v)
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def _inline(d: dict) -> str:
    return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in d.items()) + " }"


def _unique_ids(rows: list[Row]) -> None:
    """Rows without an 编号 are keyed by name; a name that repeats gets its occurrence number."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.keys["name"]] = counts.get(row.keys["name"], 0) + 1
    seen: dict[str, int] = {}
    for row in rows:
        name = row.keys["name"]
        if row.keys.get("id") is None and counts[name] > 1:
            seen[name] = seen.get(name, 0) + 1
            row.keys["id"] = f"{name}（{seen[name]}）"


def _one_money_unit(book: Workbook) -> None:
    """An evaluation has one money unit: sheets in 万元 and 元 together are all put in 元."""
    units = {s.money_unit for s in book.subjects if s.budget}
    if len(units) == 1:
        book.money_unit = units.pop()
    elif units:
        book.money_unit = "元"
        for s in book.subjects:
            if s.money_unit == "万元":
                s.budget = {k: v * 10000 for k, v in s.budget.items()}


def to_toml(book: Workbook, source: str, department: str | None, year: int | None) -> tuple[str, dict[int, tuple[str, int]]]:
    """The evaluation file's text, and which sheet row each of its lines came from."""
    _one_money_unit(book)
    lines = [f"# {tr('由 score import 读入', 'read by score import from')}: {source}", ""]
    origin: dict[int, tuple[str, int]] = {}
    lines.append(f"department = {_value(department or book.department or '')}")
    lines.append(f"year = {year or book.year or 0}")
    lines.append(f"policy = {_value(book.policy or DEFAULT_POLICY)}")
    lines.append(f"money_unit = {_value(book.money_unit)}")
    if book.claimed:
        lines.append(f"claimed = {_inline(book.claimed)}")
    for s in book.subjects:
        _unique_ids(s.rows)
        table = "overall" if s.kind == "overall" else "project"
        lines += ["", f"# {tr('工作表', 'sheet')}「{s.sheet}」", f"[{table}]" if table == "overall" else "[[project]]"]
        if s.agency == (department or book.department):
            s.agency = None  # 实施单位 is the department itself
        for key in ("id", "name", "agency"):
            if getattr(s, key):
                lines.append(f"{key} = {_value(getattr(s, key))}")
        if s.budget:
            lines.append(f"budget = {_inline(s.budget)}")
        if s.budget_points is not None:
            lines.append(f"budget_points = {_value(s.budget_points)}")
        if s.claimed:
            lines.append(f"claimed = {_inline(s.claimed)}")
        for row in s.rows:
            lines += ["", f"# {tr('工作表', 'sheet')}「{row.sheet}」{tr('第', 'row ')} {row.line} {tr('行', '')}".rstrip(),
                      f"[[{table}.indicator]]"]
            start = len(lines) - 1
            for key, value in row.keys.items():
                if value is not None:
                    lines.append(f"{key} = {_value(value)}")
            for n in range(start, len(lines)):
                origin[n + 1] = (row.sheet, row.line)
    return "\n".join(lines) + "\n", origin


def import_workbook(path: Path, output: Path, *, force: bool = False, department: str | None = None,
                    year: int | None = None) -> Path:
    """Read ``path`` and write the evaluation to ``output``, atomically and only if it is new (or ``force``)."""
    from ._evaluation import load_evaluation

    shown_out = display_path(output)
    if output.exists() and not force:
        raise InputError([Problem(shown_out, "--output", tr("不存在的文件（覆盖请加 --force）", "a new file (add --force to replace it)"),
                                  tr("已存在的文件", "an existing file"))])
    book = read_workbook(path)
    text, origin = to_toml(book, path.name, department, year)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            load_evaluation(Path(tmp))
        except InputError as exc:
            raise InputError([_to_cell(p, path, origin) for p in exc.problems]) from None
        os.replace(tmp, output)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return output


def _to_cell(p: Problem, path: Path, origin: dict[int, tuple[str, int]]) -> Problem:
    """A problem found in the written evaluation, told as the sheet row it came from."""
    if p.line in origin:
        sheet, row = origin[p.line]
        key = p.place.rsplit(" › ", 1)[-1]
        place = tr(f"工作表「{sheet}」第 {row} 行 › {key}", f"sheet “{sheet}” row {row} › {key}")
        return Problem(display_path(path), place, p.expected, p.found, hint=p.hint)
    return Problem(display_path(path), p.place, p.expected, p.found, hint=p.hint)
