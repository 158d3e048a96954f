"""The 自评表 workbook: written as people exchange it, read back to the same evaluation."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from scoring import InputError, score_file
from scoring import import_workbook as _import_workbook
from scoring.cli import app
from scoring.i18n import word
from scoring.testing import PLANTS, write_submission

from .conftest import ROOT, runner, sheet_layout

SEED = ROOT / "evaluations" / "2023.toml"



def import_workbook(source, target, **options):
    """The evaluation file ``score import`` writes (its read report is checked elsewhere)."""
    written, _report = _import_workbook(source, target, **options)
    return written


def export(source, target):
    result = runner.invoke(app, [str(source), "--format", "xlsx", "--output", str(target)])
    assert result.exit_code in (0, 1), result.output
    return target


def same_result(a, b) -> None:
    assert (a.score, a.grade, a.earned, a.possible) == (b.score, b.grade, b.earned, b.possible)
    for x, y in zip(a.subjects, b.subjects, strict=True):
        assert (x.subject.name, x.score, x.grade, x.earned, x.possible) == (y.subject.name, y.score, y.grade, y.earned, y.possible)
        assert [r.score for r in x.lines] == [r.score for r in y.lines]
    key = lambda f: (f.code, f.severity, f.subject or "", f.indicator or "", f.word("zh"))  # noqa: E731
    assert sorted(map(key, a.findings)) == sorted(map(key, b.findings))


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "seed.xlsx"
    export(SEED, path)
    return path


def test_every_sheet_reads_back(seed_book):
    wb = load_workbook(seed_book)
    assert wb.sheetnames == ["汇总", "部门整体", "门头沟“两区”标识建设"]
    summary = wb["汇总"]
    facts = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(3, 13)}
    assert facts["部门"] == "中关村科技园区门头沟园管理委员会"
    assert facts["复算得分"] == Decimal("97.14") or facts["复算得分"] == pytest.approx(97.14)
    assert facts["复算等级"] == "优" and facts["自评等级"] == "优秀"
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert "claimed-mismatch" in texts and "weights-sum" in texts
    assert any("评价项目1个" in t for t in texts)

    ws = wb["部门整体"]
    assert ws["A1"].value == "部门整体支出绩效自评表" and ws["A2"].value == "（2023年度）"
    assert [ws.cell(8, c).value for c in range(1, 9)] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                                          "分值", "得分", "偏差原因分析及改进措施"]
    rows = {ws.cell(r, 11).value: r for r in range(9, 51)}
    r61 = rows["6.1"]
    assert ws.cell(r61, 3).value == "党组织建设" and ws.cell(r61, 4).value == "≥5家"
    assert ws.cell(r61, 6).value == 3 and isinstance(ws.cell(r61, 7).value, (int, float))
    assert ws.cell(r61, 7).value == pytest.approx(1.8) and ws.cell(r61, 7).number_format == "0.00"
    assert ws.cell(r61, 10).value == "r × w = 0.6 × 3 = 1.80"
    assert ws.cell(rows["3.2"], 4).value == "=100%" and ws.cell(rows["3.2"], 4).data_type == "s"
    assert any(str(m).startswith("A9:A11") for m in ws.merged_cells.ranges)  # 一级指标 merged over its rows
    assert ws.freeze_panes == "A9"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # 9: A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    total = next(r for r in range(9, ws.max_row + 1) if ws.cell(r, 1).value == "总分")
    assert ws.cell(total, 6).value == 98 and ws.cell(total, 7).value == pytest.approx(95.2)

    project = wb["门头沟“两区”标识建设"]
    assert project["A1"].value == "项目支出绩效自评表" and project["B3"].value == "门头沟“两区”标识建设"
    assert [project.cell(5, c).value for c in range(3, 9)] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert project.cell(6, 4).value == 225800 and project.cell(6, 4).number_format == "#,##0.00"
    assert project.cell(6, 7).value == 1 and project.cell(6, 7).number_format == "0.00%"


def test_level2_is_merged_within_its_level1(seed_book):
    """二级指标 cells merge over each run of rows that share one, inside their 一级指标's run."""
    ws = load_workbook(seed_book)["门头沟“两区”标识建设"]
    assert {str(r) for r in ws.merged_cells.ranges if r.max_col <= 2 and r.min_row > 8} == {"A9:A13", "A14:A15", "B9:B10"}
    assert [ws.cell(r, 2).value for r in range(9, 12)] == ["数量指标", None, "质量指标"]


def test_a_style_registered_once_is_the_style_set_each_time(tmp_path, monkeypatch):
    """Cells take the workbook's index of a style already registered (openpyxl would hash the style
    objects for each); every cell must read as if each had been styled on its own."""
    import scoring.report.xlsx as xlsx

    fast = load_workbook(export(SEED, tmp_path / "fast.xlsx"))
    monkeypatch.setattr(xlsx, "_ALIGNMENTS", ())  # no style is taken from the register
    slow = load_workbook(export(SEED, tmp_path / "slow.xlsx"))
    assert [sheet_layout(ws) for ws in fast.worksheets] == [sheet_layout(ws) for ws in slow.worksheets]


def test_seed_round_trip(seed_book, tmp_path):
    back = import_workbook(seed_book, tmp_path / "back.toml")
    same_result(score_file(SEED), score_file(back))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(3, 60), st.sets(st.sampled_from([p for p in PLANTS if p != "target-changed"]), max_size=3),
       st.integers(0, 10_000))
def test_generated_round_trip(tmp_path_factory, n, plants, seed):
    folder = tmp_path_factory.mktemp("gen")
    sub = write_submission(folder, "单位", n, plants, seed=seed)
    back = import_workbook(export(sub.path, folder / "book.xlsx"), folder / "back.toml")
    same_result(score_file(sub.path), score_file(back))


def _handmade(path, broken: bool = False):
    """A department's workbook: title rows, merged cells, blank rows, 万元, odd spellings, no 自评得分 column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["项目支出绩效自评表"])
    ws.append(["（２０２３年度）"])
    ws.append(["项目名称", "园区道路维护"])
    ws.append(["主管部门", "某区园区管理委员会", None, "实施单位", "某区园区服务中心"])
    ws.append(["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append([None, "年度资金总额", 50, 50, 45, 10, 0.9, 9])
    ws.append([])
    ws.append(["单位：万元"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    ws.append(["产出指标", "数量指标", "维护道路长度", "不少于３公里", "3公里", 20, 20])
    ws.append([None, None, "维修点位", "98%以上", "99%", 15, 15])
    ws.append([])
    ws.append([None, "质量指标", "验收合格率", "＝100%", "100%", 10, 10])
    ws.append([None, "成本指标", "维护成本", "≤50万元", "45万元", 5, 5])
    ws.append(["效益指标", "社会效益指标", "通行条件改善", "优良中低差", "良", 20, 16, "部分路段施工延期"])
    ws.append([None, "可持续影响指标", "长效管护机制", "建立", "完成", 10, 10])
    ws.append(["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%" if not broken else "95%，很满意", 10, 10])
    ws.append(["总分", None, None, None, None, 100, 95])
    ws.merge_cells("A10:A14")
    ws.merge_cells("B10:B11")
    ws.merge_cells("A15:A16")
    wb.save(path)
    return path


def test_handmade_workbook_imports(tmp_path):
    out = import_workbook(_handmade(tmp_path / "in.xlsx"), tmp_path / "ev.toml")
    result = score_file(out)
    (p,) = result.projects
    assert result.evaluation.department == "某区园区管理委员会" and result.evaluation.year == 2023
    assert result.evaluation.money_unit == "万元"
    assert p.subject.agency == "某区园区服务中心"
    names = [(r.line.indicator.level1, r.line.indicator.level2, r.line.indicator.name) for r in p.lines]
    assert names[1] == ("产出指标", "数量指标", "维修点位") and names[2] == ("产出指标", "质量指标", "验收合格率")
    by = {r.line.indicator.name: r for r in p.lines}
    assert by["维护道路长度"].line.indicator.target == 3 and by["维护道路长度"].line.indicator.unit == "公里"
    assert by["维修点位"].line.indicator.comparator.value == "≥"
    assert by["通行条件改善"].score == 16 and by["通行条件改善"].line.outcome.claimed == 16
    assert p.budget.score == 9 and p.budget.claimed == 9
    assert p.score == 95 and p.subject.claimed.score == 95
    assert not [f for f in result.findings if f.code == "claimed-mismatch"]


def _title_row(tmp_path, cells: list) -> Path:
    """The handmade workbook with its 主管部门 row written as ``cells``."""
    path = _handmade(tmp_path / "in.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    for c in range(1, 6):
        ws.cell(4, c).value = cells[c - 1] if c <= len(cells) else None
    wb.save(path)
    return path


def test_a_date_or_contact_after_the_department_is_not_its_name(tmp_path):
    """A published 自评表 writes 「区商务局(项目实施单位:投资促进中心);填报日期 2021年4月22日」 in the
    主管部门 cell: the date is cut from the name (which groups a bureau's batch) and the cut is noted."""
    path = _title_row(tmp_path, ["主管部门", "某区园区管理委员会；填报日期 2024年3月1日", None, "实施单位", "某区园区服务中心  联系人：张三"])
    result = runner.invoke(app, [str(path), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    assert data["department"] == "某区园区管理委员会"
    assert score_file(path).projects[0].subject.agency == "某区园区服务中心"
    notes = data["source"]["notes"]
    assert any("B4" in n and "「某区园区管理委员会」" in n and "「填报日期 2024年3月1日」" in n for n in notes), notes
    assert any("E4" in n and "「联系人：张三」" in n for n in notes), notes


@pytest.mark.parametrize("line", ["填报单位（盖章）：某区园区管理委员会 填报日期：2024年3月1日", "主管部门：某区园区管理委员会    填报日期：",
                                  "填报单位(盖章): 某区园区管理委员会"])
def test_a_title_line_names_the_department_after_its_label(tmp_path, line):
    result = score_file(_title_row(tmp_path, [line]))
    assert result.evaluation.department == "某区园区管理委员会"


@pytest.mark.parametrize("blank", ["填报单位：（盖章）", "填报单位：      （公章）    填报日期：", "主管部门：(盖章)"])
def test_a_blank_form_line_names_no_department(tmp_path, blank):
    """A form's 「填报单位：（盖章）」 left blank is not a department called （盖章）: the 主管部门 cell
    after it names the department."""
    result = score_file(_title_row(tmp_path, [blank, "主管部门", "某区园区管理委员会"]))
    assert result.evaluation.department == "某区园区管理委员会"


def test_a_department_cell_with_only_a_date_is_no_department(tmp_path):
    result = runner.invoke(app, [str(_title_row(tmp_path, ["主管部门", "填报日期：2024年3月1日"]))])
    assert result.exit_code == 2
    assert "部门名称" in result.output and "工作表「自评表」" in result.output


def test_a_name_is_cut_only_at_a_date_or_contact():
    from scoring.load.workbook._labels import name_and_rest
    assert name_and_rest("某市电话局") == ("某市电话局", "")
    assert name_and_rest("某区交通运输局（盖章）") == ("某区交通运输局（盖章）", "")
    assert name_and_rest("某局\n填表日期：2024") == ("某局", "填表日期：2024")
    assert name_and_rest("某局 电话：1234567") == ("某局", "电话：1234567")


def test_a_broken_cell_is_named(tmp_path):
    path = _handmade(tmp_path / "in.xlsx", broken=True)
    result = runner.invoke(app, ["import", str(path), "--output", str(tmp_path / "ev.toml")])
    assert result.exit_code == 2
    assert "工作表「自评表」E17" in result.output and "很满意" in result.output
    assert not (tmp_path / "ev.toml").exists()


def test_a_bad_number_is_named_by_cell(tmp_path):
    path = _handmade(tmp_path / "in.xlsx")
    wb = load_workbook(path)
    wb.active["F11"] = "十五"
    wb.save(path)
    with pytest.raises(InputError) as info:
        import_workbook(path, tmp_path / "ev.toml")
    (p,) = info.value.problems
    assert "F11" in word(p.place, "zh") and "十五" in word(p.found, "zh")


def test_csv_in_the_same_layout(tmp_path):
    wb = load_workbook(_handmade(tmp_path / "in.xlsx"))
    import csv

    with (tmp_path / "in.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        for row in wb.active.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    result = score_file(import_workbook(tmp_path / "in.csv", tmp_path / "ev.toml"))
    assert result.projects[0].score == 95 and len(result.projects[0].lines) == 7


def test_import_never_overwrites_without_force(tmp_path, seed_book):
    target = tmp_path / "ev.toml"
    target.write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(seed_book), "--output", str(target)])
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert runner.invoke(app, ["import", str(seed_book), "--output", str(target), "--force"]).exit_code == 0
    assert score_file(target).score == Decimal("97.14")


def test_not_a_workbook(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--output", str(tmp_path / "e.toml")])
    assert result.exit_code == 2 and "x.xlsx" in result.output and "Traceback" not in result.output


def test_xlsx_needs_an_output_file():
    result = runner.invoke(app, [str(SEED), "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output


def test_sheets_in_different_money_units_are_put_in_yuan(tmp_path):
    path = _handmade(tmp_path / "in.xlsx")
    wb = load_workbook(path)
    second = wb.copy_worksheet(wb.active)
    second.title = "自评表2"
    second["B3"] = "园区绿化养护"
    second["A5"] = "项目资金（元）"
    second["A8"] = "单位：元"
    for col, value in zip("CDE", (500000, 500000, 450000)):
        second[f"{col}6"] = value
    wb.save(path)
    result = score_file(import_workbook(path, tmp_path / "ev.toml"))
    assert result.evaluation.money_unit == "元"
    first, other = result.projects
    assert first.subject.budget.full_year == 500000 and other.subject.budget.full_year == 500000


def test_a_money_unit_the_sheet_contradicts_is_named(tmp_path):
    path = _handmade(tmp_path / "in.xlsx")
    wb = load_workbook(path)
    wb.active["A5"] = "项目资金（元）"  # while A8 still says 单位：万元
    wb.save(path)
    with pytest.raises(InputError) as info:
        import_workbook(path, tmp_path / "ev.toml")
    (p,) = info.value.problems
    assert "A5" in word(p.place, "zh") and "A8" in word(p.expected, "zh") and "万元" in word(p.expected, "zh") and p.found == "元"


def test_assumed_comparators_and_restated_actuals_survive_the_round_trip(write, tmp_path):
    path = write("e.toml", 'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nbudget = { full_year = 1, executed = 1 }\n'
                 '[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = 100\nunit = "%"\nweight = 50\nactual = "≥100%"\n'
                 '[[project.indicator]]\nlevel1 = "效益指标"\nname = "效"\ntarget = "≥4个"\nweight = 40\nactual = 3\nreason = "延期"\n')
    back = import_workbook(export(path, tmp_path / "b.xlsx"), tmp_path / "back.toml")
    original, again = score_file(path), score_file(back)
    assert {"comparator-assumed", "actual-restates-target"} <= {f.code for f in original.findings}
    same_result(original, again)


def test_repeated_names_without_ids_are_numbered(tmp_path):
    wb = load_workbook(_handmade(tmp_path / "in.xlsx"))
    ws = wb.active
    ws["C11"] = "维护道路长度"  # the same name as C10
    wb.save(tmp_path / "in.xlsx")
    result = score_file(import_workbook(tmp_path / "in.xlsx", tmp_path / "ev.toml"))
    ids = [r.line.indicator.id for r in result.projects[0].lines][:2]
    assert ids == ["维护道路长度（1）", "维护道路长度（2）"]


def _names():
    """Free text as a name: line breaks, quotes, braces, a leading = + - @, full-width characters.
    Surrounding blanks are not part of a name (a cell's are trimmed), a CR LF comes back as LF (as
    XML reads it), and Excel's forbidden control characters are tested with the writer, since no
    workbook can hold them."""
    from .strategies import free_text

    extra = st.sampled_from(["=1+1", "+86", "-", "@SUM(A1)", "（全角）", "a\nb", "'", "]]", "[[project]]", '"""'])
    return st.lists(st.one_of(free_text(1, 4), extra), min_size=1, max_size=3).map("".join).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(department=_names(), project=_names(), names=st.lists(_names(), min_size=2, max_size=2, unique=True), reason=_names())
@example(department="部门", project="年度", names=["指标", "=1+1"], reason="原因")  # a name that is also a title label
@example(department="主管部门", project="项目名称", names=["实施单位", "年度"], reason="年度")
def test_free_text_round_trips(tmp_path_factory, department, project, names, reason):
    import tomli_w

    from . import builder as b

    folder = tmp_path_factory.mktemp("text")
    doc = b.evaluation(b.project(project,
                                 b.row("产出指标", names[0], "≥5个", 50, level2="数量指标", actual="4个", reason=reason),
                                 b.row("效益指标", names[1], "≥90%", 50, level2="社会效益指标", actual="95%")),
                       department=department)
    source = folder / "e.toml"
    source.write_text(tomli_w.dumps(doc), encoding="utf-8")
    back = import_workbook(export(source, folder / "e.xlsx"), folder / "back.toml")
    a, b_ = score_file(source), score_file(back)
    same_result(a, b_)
    assert b_.evaluation.department == department
    [subject] = b_.subjects
    assert subject.subject.name == project
    assert [r.line.indicator.name for r in subject.lines] == names
    assert subject.lines[0].line.outcome.reason == reason
