"""Real tables in: every layout in circulation is scored straight from the workbook, to the
number worked out by hand, with its findings and a report of where each value came from."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal as D
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from scoring import InputError, import_workbook, score_file
from scoring.cli import app
from scoring.i18n import word
from scoring.load.workbook import read_workbook_document
from scoring.testing import write_submission
from scoring.testing.workbooks import LAYOUTS, Row, Table, book, provincial, ten_hao, three_columns

from .conftest import ROOT, runner

EXAMPLES = ROOT.parent / "shared" / "examples"


def codes(result) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in result.findings:
        out[f.code] = out.get(f.code, 0) + 1
    return out


def imported(path: Path, tmp_path: Path, **options):
    """The same workbook through ``score import``: it must score the same."""
    written, report = import_workbook(path, tmp_path / (path.stem + ".toml"), **options)
    assert report.parts
    return score_file(written, policy=options.get("policy"))


# -- 10号 with its side column ------------------------------------------------------------

TEN_HAO = Table("园区道路维护", [
    Row("产出指标", "数量指标", "培训人次", "≥500人次", "480人次", 20, 19.2, "两期培训合并"),
    Row("产出指标", "质量指标", "验收合格率", D(100), D(97), 20, 19.4, "个别路段返工", percent=True),
    Row("产出指标", "时效指标", "完成时间", "≤12月", "12月", 10, 10),
    Row("效益指标", "社会效益指标", "受益群众", "≥2000人", "2500人", 20, 20, "宣传到位，受益面扩大"),
    Row("效益指标", "可持续影响指标", "长效机制", "建立长效管护机制", "建立长效管护机制", 10, 10),
    Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", D(95), 10, 10, percent=True),
], budget=(D(100), D(100), D(96)), budget_claim=10, total_claim="98.6分", points_total=100)


def test_the_10hao_layout_scores_by_hand(tmp_path):
    path = book(tmp_path / "10号.xlsx", [TEN_HAO], ten_hao)
    result = score_file(path)
    (p,) = result.projects
    # 480/500×20 = 19.2; 97/100×20 = 19.4; 10; 20 (over, explained); 10 (restated); 10; budget 96/100×10 = 9.6
    assert [r.score for r in p.lines] == [D("19.2"), D("19.4"), 10, 20, 10, 10]
    assert p.budget.score == D("9.6") and p.budget.scored.points == 10
    assert p.earned == D("98.2") and p.score == D("98.2") and p.grade == "优"
    assert p.subject.claimed.score == D("98.6") and p.subject.claimed.points == 100
    assert result.evaluation.money_unit == "万元" and result.evaluation.year == 2023
    assert result.evaluation.department == "某区园区管理委员会"
    found = codes(result)
    assert found["claimed-mismatch"] == 2  # the budget line (10 for 9.6) and the total (98.6 for 98.2)
    assert {"comparator-assumed", "overachieved", "actual-restates-target"} <= found.keys()
    assert "weights-sum" not in found and "level1-split" not in found and "reason-missing" not in found
    by_name = {r.line.indicator.name: r for r in p.lines}
    assert by_name["验收合格率"].line.indicator.unit == "%" and by_name["验收合格率"].line.outcome.actual == 97
    report = result.evaluation.source
    whats = {word(part.what, "zh") for part in report.parts}
    assert {"标题", "项目资金", "指标表", "自评得分列", "总分", "金额单位"} <= whats
    assert any(u.text == "按期完成年度建设任务" and "年度总体目标" in word(u.reason, "zh") for u in report.unused)
    assert any(u.text == "绩效指标" for u in report.unused)  # the side column: a label, not data
    again = imported(path, tmp_path)
    assert (again.score, [r.score for r in again.projects[0].lines]) == (result.score, [r.score for r in p.lines])


def test_explain_and_json_carry_the_read_report(tmp_path):
    path = book(tmp_path / "10号.xlsx", [TEN_HAO], ten_hao)
    explained = runner.invoke(app, [str(path), "--explain"])
    assert explained.exit_code == 0, explained.output
    assert "项目资金" in explained.output and "未使用的单元格" in explained.output and "年度总体目标" in explained.output
    import json

    as_json = runner.invoke(app, [str(path), "-f", "json"])
    data = json.loads(as_json.output)
    assert data["source"]["parts"] and any(p["what"] == "指标表" for p in data["source"]["parts"])
    assert data["projects"][0]["score"] == "98.20"


# -- 湖北: 预算执行情况(万元)(20分), (N分) blocks, 满意度 under 效益 ---------------------------

HUBEI = Table("门户标识建设", [
    Row("产出指标(50分)", "数量指标", "新建标识(套)", 4, 4, 30, 30),
    Row("产出指标(50分)", "时效指标", "完成时限", "2023年12月底前", "2023年12月底前", 20, 20),
    Row("效益指标(30分)", "社会效益指标", "群众投诉率", D(5), D(4), 20, 20, percent=True),
    Row("效益指标(30分)", "满意度指标", "服务对象满意度", "≥95%", "96%", 10, 10),
], budget=(None, D("285.84"), D("271.548")), points=20, budget_claim=19, total_claim=99, points_total=100)


@pytest.mark.parametrize("policy", [None, "hubei-2022"])
def test_the_hubei_layout_scores_by_hand(tmp_path, policy):
    path = book(tmp_path / "湖北.xlsx", [HUBEI], provincial)
    result = score_file(path, policy=policy)
    (p,) = result.projects
    # 30 + 20 (the deadline 2023年12月底前 restated: ≤ 12 月, met) + 20 (投诉: ≤ assumed, 4 ≤ 5) + 10; budget 271.548/285.84 = 0.95 × 20 = 19
    assert [r.score for r in p.lines] == [30, 20, 20, 10]
    assert p.budget.scored.points == 20 and p.budget.score == 19
    assert p.earned == 99 and p.score == 99 and p.possible == 100
    assert [r.line.indicator.level1 for r in p.lines] == ["产出指标", "产出指标", "效益指标", "效益指标"]
    assert p.lines[0].line.indicator.unit == "套" and p.lines[0].line.indicator.unit_from_name
    assert p.lines[2].line.indicator.comparator.value == "≤"
    assert result.evaluation.department == "某区园区管理委员会"  # from 填报单位：…（盖章）
    assert result.evaluation.money_unit == "万元"  # from 金额单位：万元 on the title line
    found = codes(result)
    assert "claimed-mismatch" not in found and "weights-sum" not in found and "satisfaction-missing" not in found
    assert found["comparator-assumed"] == 2 and found["actual-restates-target"] == 1
    assert ("level1-split" in found) == (policy is None)  # hubei-2022 leaves the split to the department
    assert result.policy.id == (policy or "central-2020")
    assert imported(path, tmp_path, policy=policy).score == result.score


def test_a_block_whose_points_do_not_add_up_is_named(tmp_path):
    rows = [Row("产出指标(60分)", "数量指标", "甲", "≥1个", "1个", 40, 40), *HUBEI.rows[2:]]
    path = book(tmp_path / "b.xlsx", [Table("乙", rows, budget=HUBEI.budget, points=20)], provincial)
    result = score_file(path)
    messages = [f.word("zh") for f in result.findings if f.code == "weights-sum"]
    assert any("产出指标" in m and "60" in m and "40" in m for m in messages)


# -- targets in three columns, 指标性质 saying 正向/反向/定量/定性 ----------------------------

THREE = Table("企业服务", [
    Row("产出指标", "数量指标", "服务企业数", 50, "52家", 25, 25, unit="家", comparator="正向"),
    Row("产出指标", "成本指标", "单位成本", D("1.2"), "1.5万元", 20, 16, "原材料涨价", unit="万元", comparator="定量"),
    Row("效益指标", "经济效益指标", "带动产值", D("43.2"), 45, 20, 20),
    Row("效益指标", "社会效益指标", "差错率", 2, "1%", 10, 10, unit="%", comparator="反向"),
    Row("效益指标", "可持续影响指标", "机制建设", "形成长效机制", "机制运转良好，受到好评", 5, 4, comparator="定性"),
    Row("满意度指标", "服务对象满意度指标", "企业满意度", 90, "92%", 10, 10, unit="%以上"),
], budget=(D(200), None, D(190)), budget_claim=D("9.5"), total_claim=D("94.5"), points_total=100)


def test_the_three_column_layout_scores_by_hand(tmp_path):
    path = book(tmp_path / "三列.xlsx", [THREE], three_columns)
    result = score_file(path)
    (p,) = result.projects
    # 25; 1.2/1.5×20 = 16 (定量 under 成本指标: ≤); 20 (no unit); 10 (反向, 1 ≤ 2); 4 (the claim, judged);
    # 10 (90%以上); budget 190/200 (年初预算数, for want of 全年预算数) × 10 = 9.5
    assert [r.score for r in p.lines] == [25, 16, 20, 10, 4, 10]
    assert p.budget.score == D("9.5") and p.budget.scored.denominator == "initial"
    assert p.earned == D("94.5") and p.score == D("94.5")
    cmps = [r.line.indicator.comparator.value for r in p.lines]
    assert cmps == ["≥", "≤", "≥", "≤", "定性", "≥"]
    found = codes(result)
    assert found["unit-missing"] == 1 and found["qualitative-judged"] == 1 and found["budget-denominator"] == 1
    assert found["comparator-assumed"] == 2  # 单位成本 (定量) and 带动产值
    assert "claimed-mismatch" not in found
    assert imported(path, tmp_path).score == result.score


# -- several tables: stacked on one sheet, a cover sheet, 年度资金总额 printed as zeros -----------

def test_stacked_tables_and_a_cover_sheet(tmp_path):
    second = Table("园区绿化", [Row("产出指标", "数量指标", "绿化面积", "≥1000平方米", "800平方米", 90, 72, "雨季延误")],
                   budget=(D(50), D(50), D(50)), zero_total=True)
    path = book(tmp_path / "stack.xlsx", [TEN_HAO, second], ten_hao, stacked=True, cover=True)
    result = score_file(path)
    first, other = result.projects
    assert first.score == D("98.2")
    # 800/1000×90 = 72, budget 50/50 × 10 = 10 (read from the 其中 line: 年度资金总额 is zeros)
    assert other.earned == 82 and other.budget.score == 10
    assert codes(result)["funds-row"] == 1
    assert any("目录" in word(note, "zh") for note in result.evaluation.source.notes)
    # the department: mean weighted by executed budget, (96×98.2 + 50×82)/146
    assert result.score == ((D(96) * D("98.2") + D(50) * 82) / 146).quantize(D("0.01"))
    assert imported(path, tmp_path).score == result.score


def test_one_project_per_sheet(tmp_path):
    other = Table("园区照明", [Row("产出指标", "数量指标", "路灯", "≥10盏", "10盏", 90, 90)], budget=(D(5), D(5), D(5)))
    result = score_file(book(tmp_path / "sheets.xlsx", [TEN_HAO, other], ten_hao))
    assert [p.subject.name for p in result.projects] == ["园区道路维护", "园区照明"]
    assert result.projects[1].score == 100


def test_the_department_wide_table_is_overall(tmp_path):
    t = Table("某区园区管理委员会", TEN_HAO.rows, overall=True, budget=TEN_HAO.budget, total_claim=D("98.6"))
    result = score_file(book(tmp_path / "overall.xlsx", [t], ten_hao))
    assert result.overall is not None and not result.projects
    assert result.overall.subject.name == "某区园区管理委员会" and result.score == D("98.2")


# -- this project's own export, edited by hand ---------------------------------------------------

def test_our_export_edited_by_hand(tmp_path, write):
    source = write("e.toml", 'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nbudget = { full_year = 10, executed = 10 }\n'
                   '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = "≥4个"\nweight = 50\nactual = 4\nclaimed = 50\n'
                   '[[project.indicator]]\nlevel1 = "效益指标"\nname = "效"\ntarget = "≥10人"\nweight = 30\nactual = 8\nclaimed = 24\nreason = "延期"\n'
                   '[[project.indicator]]\nlevel1 = "满意度指标"\nname = "满"\ntarget = "≥90%"\nweight = 10\nactual = 95\nclaimed = 10\n')
    path = tmp_path / "e.xlsx"
    assert runner.invoke(app, [str(source), "-f", "xlsx", "-o", str(path)]).exit_code in (0, 1)
    wb = load_workbook(path)
    ws = wb["甲"]
    rows = {ws.cell(r, 3).value: r for r in range(9, 13)}
    ws.cell(rows["效"], 4).value = "≥8人"        # a target retyped
    ws.cell(rows["满"], 9).value = None          # a 自评得分 cleared
    ws.delete_rows(rows["数"])                    # a row deleted …
    ws.insert_rows(9)                             # … and one added, typed by hand with a percent cell
    for col, value in zip(range(1, 10), ("产出指标", "", "新增指标", "≥95%", 0.9, 50, None, "未达标", 47.37)):
        ws.cell(9, col).value = value
    ws.cell(9, 5).number_format = "0%"
    wb.save(path)
    result = score_file(path)
    (p,) = result.projects
    by = {r.line.indicator.name: r for r in p.lines}
    assert set(by) == {"新增指标", "效", "满"}
    assert by["新增指标"].score == D("47.37")  # 90/95 × 50
    assert by["效"].score == 30 and by["满"].line.outcome.claimed is None
    assert p.earned == D("87.37") + 10


# -- Excel as people fill it ----------------------------------------------------------------

def _with_cached_formula(path: Path, cell: str, formula: str, cached: str | None) -> None:
    """Write a formula into ``cell`` with (or without) the value Excel would have cached."""
    wb = load_workbook(path)
    wb.active[cell] = f"={formula}"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = items[sheet].decode()
    value = f"<v>{cached}</v>" if cached is not None else ""
    xml = re.sub(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?', rf"\1<f>\2</f>{value}", xml)
    items[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in items.items():
            z.writestr(n, data)


def test_a_formula_cell_uses_its_cached_value_and_one_without_is_named(tmp_path):
    path = book(tmp_path / "f.xlsx", [TEN_HAO], ten_hao)
    ws = load_workbook(path).active
    row = next(r for r in range(1, 40) if ws[f"D{r}"].value == "培训人次")
    _with_cached_formula(path, f"H{row}", f"G{row}*0.96", "19.2")
    assert score_file(path).projects[0].lines[0].line.outcome.claimed == D("19.2")
    _with_cached_formula(path, f"H{row}", f"G{row}*0.96", None)
    with pytest.raises(InputError) as info:
        score_file(path)
    (problem,) = info.value.problems
    assert f"H{row}" in word(problem.place, "zh") and "公式" in word(problem.found, "zh")


def test_a_fraction_in_a_percent_row_is_named_not_guessed(tmp_path):
    rows = [Row("产出指标", "质量指标", "合格率", "≥95%", D("0.97"), 90, 90)]
    path = book(tmp_path / "p.xlsx", [Table("甲", rows)], ten_hao)
    with pytest.raises(InputError) as info:
        score_file(path)
    (problem,) = info.value.problems
    assert "0.97" in word(problem.found, "zh") and "97%" in word(problem.expected, "zh")


def test_no_points_column_is_a_problem_not_a_guess(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2023年度项目支出绩效自评表"])
    ws.append(["项目名称", "甲", "主管部门", "部"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"])
    ws.append(["产出指标", "数量指标", "甲", "≥1个", "1个", 50])
    wb.save(tmp_path / "n.xlsx")
    with pytest.raises(InputError) as info:
        score_file(tmp_path / "n.xlsx")
    assert any("分值" in word(p.expected, "zh") and "never" not in word(p.expected, "zh") for p in info.value.problems)


def test_gbk_csv_is_read_and_its_encoding_said(tmp_path):
    wb = load_workbook(book(tmp_path / "x.xlsx", [THREE], three_columns))
    lines = []
    for row in wb.active.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, float) and "%" in c.number_format:
                v = f"{round(v * 100, 4)}%"
            cells.append("" if v is None else str(v))
        lines.append(",".join(f'"{x}"' for x in cells))
    (tmp_path / "x.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    result = score_file(tmp_path / "x.csv")
    assert result.projects[0].earned == D("94.5")
    assert result.evaluation.source.encoding == "GB18030"


def test_a_folder_of_workbooks_is_a_batch(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book(inbox / "a.xlsx", [TEN_HAO], ten_hao)
    book(inbox / "b.xlsx", [HUBEI], provincial)
    (inbox / "c.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    (inbox / "~$a.xlsx").write_bytes(b"lock")  # Excel's lock file, while a.xlsx is open
    result = runner.invoke(app, [str(inbox), "-f", "json", "--policy", "hubei-2022"])
    assert result.exit_code == 2, result.output
    import json

    data = json.loads(result.output)
    assert sorted(Path(s["path"]).name for s in data["submissions"]) == ["a.xlsx", "b.xlsx"]
    assert [Path(u["path"]).name for u in data["unreadable"]] == ["c.xls"]
    assert {s["policy"] for s in data["submissions"]} == {"hubei-2022"}


def test_the_published_examples(tmp_path):
    if not EXAMPLES.exists():
        pytest.skip("the shared examples are not beside this checkout")
    side = score_file(EXAMPLES / "central-10hao-side-column.xlsx")
    (p,) = side.projects
    # Every row met and the budget spent: 100. The 98 %-of-98 % row was claimed 19.6 and the total 99.6.
    assert p.score == 100 and p.budget.scored.points == 20
    mismatches = [f for f in side.findings if f.code == "claimed-mismatch"]
    assert {(f.claimed, f.computed) for f in mismatches} == {("19.6", "20.00"), ("99.6", "100.00")}
    assert "satisfaction-missing" not in codes(side)
    three = score_file(EXAMPLES / "three-target-columns.xlsx")
    (q,) = three.projects
    # 100 points of rows + 20 of budget, printed as a total of 100: an error; all met, so 120/120 → 100.
    assert q.possible == 120 and q.score == 100
    weights = [f for f in three.findings if f.code == "weights-sum"]
    assert [f.severity for f in weights] == ["error"]
    assert codes(three)["qualitative-judged"] == 3 and codes(three)["unit-missing"] == 1


# -- every layout scores what the TOML scores -----------------------------------------------------

def table_of(subject_result, department: str, year: int) -> Table:
    """A scored subject laid out as a person would type it."""
    s = subject_result.subject
    rows = []
    for r in subject_result.lines:
        ind, out = r.line.indicator, r.line.outcome
        rows.append(Row(ind.level1, ind.level2 or "", ind.name, ind.target_display(), out.written or out.actual,
                        ind.weight, out.claimed, out.reason))
    b = s.budget
    return Table(s.name, rows, department, year, budget=(b.initial, b.full_year, b.executed), money_unit="元",
                 points=subject_result.budget.scored.points, budget_claim=s.claimed.budget_score if s.claimed else None,
                 total_claim=s.claimed.score if s.claimed else None)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(3, 30), st.sets(st.sampled_from(["marked-down", "over-points", "budget-over", "wrong-total"]), max_size=2),
       st.integers(0, 10_000), st.sampled_from(sorted(LAYOUTS)), st.booleans())
def test_any_evaluation_laid_out_in_any_layout_scores_the_same(tmp_path_factory, n, plants, seed, layout, stacked):
    folder = tmp_path_factory.mktemp("lay")
    sub = write_submission(folder, "单位", n, plants, seed=seed, per_project=12)
    original = score_file(sub.path)
    tables = [table_of(p, original.evaluation.department, original.evaluation.year) for p in original.projects]
    path = book(folder / "book.xlsx", tables, LAYOUTS[layout], stacked=stacked)
    again = score_file(path)
    assert [(p.subject.name, p.earned, p.possible, p.score) for p in again.projects] == \
        [(p.subject.name, p.earned, p.possible, p.score) for p in original.projects]
    assert [[r.score for r in p.lines] for p in again.projects] == [[r.score for r in p.lines] for p in original.projects]
    assert again.score == original.score
    mismatched = lambda res: sorted((f.claimed, f.computed) for f in res.findings if f.code == "claimed-mismatch")  # noqa: E731
    assert mismatched(again) == mismatched(original)


@pytest.mark.parametrize("actual", ["0.97", D("0.97")])
def test_a_fraction_typed_as_text_or_number_is_named_too(tmp_path, actual):
    rows = [Row("产出指标", "质量指标", "合格率", "≥95%", actual, 90, 90)]
    with pytest.raises(InputError) as info:
        score_file(book(tmp_path / "p.xlsx", [Table("甲", rows)], ten_hao))
    assert "97%" in word(info.value.problems[0].expected, "zh")


PERCENT_TARGETS = {"10号": (ten_hao, "F", dict(target="≥95%")), "三列指标值": (three_columns, "G", dict(target=95, unit="%", comparator="≥"))}
"""A 95 % target as each layout writes it, and the column its 实际完成值 is in."""


@pytest.mark.parametrize("layout", PERCENT_TARGETS)
@pytest.mark.parametrize("typed", [D, str], ids=["number", "text"])
@pytest.mark.parametrize("actual,meant", [("0.999", "99.9%"), ("1", "100%")])
def test_an_actual_of_one_or_less_against_a_percentage_is_refused(tmp_path, layout, typed, actual, meant):
    """Against a 95 % target, an actual of 1 typed without % is 100 % or 1 %: as ambiguous as 0.97,
    and refused the same way, naming its cell and what to write, never scored as the number 1."""
    write, column, target = PERCENT_TARGETS[layout]
    rows = [Row("产出指标", "质量指标", "合格率", actual=typed(actual), weight=90, claimed=90, **target)]
    path = book(tmp_path / "p.xlsx", [Table("甲", rows)], write)
    at = next(f"{column}{r}" for r in range(1, 30) if "合格率" in (c.value for c in load_workbook(path).active[r]))
    with pytest.raises(InputError) as info:
        score_file(path)
    (problem,) = info.value.problems
    assert problem.file.endswith("p.xlsx")
    assert word(problem.place, "zh") == f"工作表「项目1」{at}"
    assert word(problem.found, "zh") == actual
    assert "95%" in word(problem.expected, "zh") and f"请写作 {meant}" in word(problem.expected, "zh")
    assert f"write {meant}" in word(problem.expected, "en")


@pytest.mark.parametrize("layout", PERCENT_TARGETS)
@pytest.mark.parametrize("typed", [D, str], ids=["number", "text"])
@pytest.mark.parametrize("actual,score", [("1.01", D("0.96")), ("100", 90)])
def test_an_actual_above_one_against_a_percentage_is_a_percentage(tmp_path, layout, typed, actual, score):
    """Just above 1 no fraction is meant: 1.01 is 1.01 % (1.01/95 × 90 = 0.96), 100 is 100 %."""
    write, _, target = PERCENT_TARGETS[layout]
    rows = [Row("产出指标", "质量指标", "合格率", actual=typed(actual), weight=90, claimed=90, reason="未达", **target)]
    (line,) = score_file(book(tmp_path / "p.xlsx", [Table("甲", rows)], write)).projects[0].lines
    assert line.line.outcome.actual == D(actual) and line.line.indicator.unit == "%" and line.score == score


HEADS = {"name": ("三级指标",), "target": ("年度指标值", "指标值"), "unit": ("度量单位",), "actual": ("实际完成值",),
         "weight": ("分值",), "claimed": ("得分",), "reason": ("偏差原因分析及改进措施", "偏差原因分析")}
"""Each value's column header, as the layouts in :mod:`scoring.testing.workbooks` print it."""


def _cells_by_hand(path: Path, name: str, occurrence: int = 0) -> tuple[str, dict[str, str]]:
    """The sheet and the cell of each value of the row called ``name`` in the ``occurrence``-th table,
    found with openpyxl from the printed headers: independently of the reader."""
    ws = next(ws for ws in load_workbook(path).worksheets if any(c.value == name for row in ws.iter_rows() for c in row))
    flat = lambda v: re.sub(r"\s+", "", str(v)) if v is not None else ""  # noqa: E731
    headers = [r for r in range(1, ws.max_row + 1) if "三级指标" in (flat(c.value) for c in ws[r])]
    header = headers[occurrence]
    columns = {key: c.column_letter for c in ws[header] for key, words in HEADS.items() if flat(c.value) in words}
    at = next(r for r in range(header + 1, ws.max_row + 1) if ws[f"{columns['name']}{r}"].value == name)
    return ws.title, {key: f"{column}{at}" for key, column in columns.items()}


PLACED = [
    Row("产出指标", "数量指标", "培训人次", "≥500人次", "480人次", 20, 20, "两期培训合并"),
    Row("产出指标", "质量指标", "验收合格率", "≥95%", "97%", 30, 30),
    Row("效益指标", "社会效益指标", "受益群众", "≥2000人", "1800人", 40, 40, "宣传不足"),
]
"""Two rows claiming more than they score (20 for 19.20, 40 for 36), each with its reason, around one that holds."""
PLACED_SPLIT = [attrs.evolve(r, target=t, unit=u, comparator="≥") for r, (t, u) in zip(PLACED, ((500, "人次"), (95, "%"), (2000, "人")))]
"""The same rows with targets in three columns (指标性质 / 指标值 / 度量单位)."""


@pytest.mark.parametrize("stacked", [False, True], ids=["a-sheet-each", "stacked"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_value_is_recorded_at_its_own_cell(tmp_path, layout, stacked):
    """The reader records, for each value of each row, the cell it was read from: the claim at the
    得分 cell, the reason at 偏差原因's, and so the actual, the target, its unit and the 分值. A message
    about a value names that cell, so a cell one column off would send a reviewer to the wrong one."""
    other = Table("其他项目", [Row("产出指标", "数量指标", "其他", "≥1个", "1个", 90, 90)])
    rows = PLACED_SPLIT if layout == "三列指标值" else PLACED
    path = book(tmp_path / "b.xlsx", [other, Table("园区", rows)], LAYOUTS[layout], stacked=stacked)
    doc = read_workbook_document(path)
    for i, row in enumerate(rows):
        sheet, cells = _cells_by_hand(path, row.name, 1 if stacked else 0)
        keys = ["name", "target", "actual", "weight", "claimed"] + (["reason"] if row.reason else []) + (["unit"] if row.unit else [])
        recorded = {key: doc.origin(("project", 1, "indicator", i, key)) for key in keys}
        assert recorded == {key: (sheet, cells[key]) for key in keys}, row.name
    result = score_file(path)
    mismatched = {f.indicator: f.place for f in result.findings if f.code == "claimed-mismatch" and f.indicator}
    assert mismatched.keys() == {"培训人次", "受益群众"}
    for name, place in mismatched.items():
        sheet, cells = _cells_by_hand(path, name, 1 if stacked else 0)
        assert str(place).endswith(f"{sheet}!{cells['name']}")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("key,value", [("claimed", -1), ("weight", 0), ("target", "≤-5人次"), ("actual", "480个")])
def test_a_problem_with_a_value_names_its_cell(tmp_path, layout, key, value):
    """A value the checks refuse after reading is named by the cell the reader recorded for it."""
    rows = [Row("效益指标", "社会效益指标", "受益群众", "≥2000人", "2500人", 70, 70, "宣传到位"), PLACED[0]]
    rows[1] = attrs.evolve(rows[1], **{key: value})
    path = book(tmp_path / "b.xlsx", [Table("园区", rows)], LAYOUTS[layout])
    sheet, cells = _cells_by_hand(path, "培训人次")
    with pytest.raises(InputError) as info:
        score_file(path)
    (problem,) = info.value.problems
    assert word(problem.place, "zh").startswith(f"工作表「{sheet}」{cells[key]} › "), word(problem.place, "zh")
    assert key in word(problem.place, "zh")


def test_points_typed_as_a_percentage_are_named(tmp_path):
    rows = [Row("产出指标", "质量指标", "合格率", "≥95%", "96%", "90%", 90)]
    with pytest.raises(InputError) as info:
        score_file(book(tmp_path / "p.xlsx", [Table("甲", rows)], ten_hao))
    assert "百分比" in word(info.value.problems[0].expected, "zh")


def test_an_indicator_named_after_the_form_is_a_row_not_a_new_table(tmp_path):
    rows = [Row("产出指标", "时效指标", "按时报送绩效自评表", "≤3月", "3月", 90, 90)]
    result = score_file(book(tmp_path / "p.xlsx", [Table("甲", rows)], ten_hao))
    assert [r.line.indicator.name for r in result.projects[0].lines] == ["按时报送绩效自评表"]


def test_import_names_its_policy_and_approved_set(tmp_path):
    approved = tmp_path / "sets" / "approved.toml"
    approved.parent.mkdir()
    approved.write_text('title = "门户标识建设"\n' + "".join(
        f'[[indicator]]\nlevel1 = "{lv}"\nname = "{name}"\ntarget = "{t}"\nweight = {w}\n\n' for lv, name, t, w in (
            ("产出指标", "新建标识(套)", "≥5", 30), ("产出指标", "完成时限", "2023年12月底前", 20),
            ("效益指标", "群众投诉率", "≤5%", 20), ("效益指标", "服务对象满意度", "≥95%", 10))), encoding="utf-8")
    path = book(tmp_path / "湖北.xlsx", [HUBEI], provincial)
    out = tmp_path / "inbox" / "湖北.toml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out), "--policy", "hubei-2022", "--approved", str(approved)])
    assert result.exit_code == 0, result.output
    assert "项目资金" in result.output and "指标表" in result.output  # the read report
    text = out.read_text(encoding="utf-8")
    assert 'policy = "hubei-2022"' in text and 'approved = "../sets/approved.toml"' in text and text.startswith("# 读入")
    scored = score_file(out)
    assert scored.policy.id == "hubei-2022"
    changed = [f for f in scored.findings if f.code == "target-changed"]
    assert changed and all("新建标识" in f.word("zh") for f in changed)  # approved ≥5 套, the table says 4
    assert scored.projects[0].lines[0].score == 24  # 4/5 × 30 against the approved target


@pytest.mark.parametrize("budget_head,points_head", [("调整后预算数", None), ("全年(调整)预算数", "执行率权重")])
def test_provincial_budget_headers(tmp_path, budget_head, points_head):
    path = book(tmp_path / "h.xlsx", [HUBEI], provincial)
    wb = load_workbook(path)
    ws = wb.active
    head = next(r for r in range(1, 10) if ws[f"B{r}"].value == "预算数(A)")
    ws[f"B{head}"] = budget_head
    if points_head:  # the points in their own column, the block's label without them
        ws[f"A{head}"] = "预算执行情况（万元）"
        ws[f"E{head}"] = "得分"
        ws[f"F{head}"] = points_head
        ws[f"F{head + 1}"] = 20
    wb.save(path)
    (p,) = score_file(path).projects
    assert p.budget.scored.points == 20 and p.budget.score == 19 and p.subject.budget.full_year == D("285.84")


@pytest.mark.parametrize("cell, zh, en", [("E6", "金额", "an amount"), ("G6", "分值", "points"), ("I6", "得分", "a score")])
def test_a_budget_cell_that_is_no_number_is_named_in_the_readers_language(tmp_path, cell, zh, en):
    """A budget line's cell typed in words is refused at its cell, with what it should hold worded in each language."""
    import openpyxl

    wb = openpyxl.load_workbook(ROOT / "evaluations" / "workbooks" / "两区标识建设-自评表.xlsx")
    wb.active[cell] = "二十二"
    path = tmp_path / "b.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        score_file(path)
    (problem,) = info.value.problems
    assert cell in word(problem.place, "zh")
    assert word(problem.expected, "zh") == zh and word(problem.expected, "en") == en
