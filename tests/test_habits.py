"""Habits of real tables: the form's placeholder rows, line breaks in labels, header words we had
not met, budget blocks that differ, rows that are not indicators. Each test writes a table in a
known layout, puts one habit in, and holds the reader to the score or to one problem at the cell."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring import InputError, score_file
from scoring.cli import app
from scoring.i18n import word
from scoring.load.workbook import read_workbook_document
from scoring.load.workbook.vocabulary import load_vocabulary
from scoring.testing.workbooks import Row, Table, book, provincial, ten_hao

from .conftest import runner

ROWS = [
    Row("产出指标", "数量指标", "新建标识", "≥10套", "10套", 30, 30),
    Row("产出指标", "成本指标", "建设成本", "≤20万元", "20万元", 20, 20),
    Row("效益指标", "社会效益指标", "群众知晓率", "≥90%", "95%", 30, 30),
    Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10),
]
"""A 10号 table that meets every target: 100 points with its budget line (ten_hao: header row 12,
rows from 13, columns B 一级, C 二级, D 三级, E 指标值, F 实际完成值, G 分值, H 得分)."""


def table(tmp_path: Path, rows=ROWS, edit=None, layout=ten_hao, **keys) -> Path:
    path = book(tmp_path / "t.xlsx", [Table("门户标识", list(rows), total_claim=keys.pop("total_claim", None), **keys)], layout)
    if edit is not None:
        wb = load_workbook(path)
        edit(wb.active)
        wb.save(path)
    return path


def problems(path: Path, **keys) -> list[tuple[str, str, str]]:
    with pytest.raises(InputError) as info:
        score_file(path, **keys)
    return [(word(p.place, "zh"), word(p.expected, "zh"), word(p.found, "zh")) for p in info.value.problems]


def codes(result) -> list[str]:
    return sorted(str(f.code) for f in result.findings)


# -- rows that are not indicators -----------------------------------------------------

def placeholder(name: str, *values) -> Row:
    return Row("产出指标", "数量指标", name, *(values or (None, None, None)))


def test_the_forms_placeholder_rows_are_listed_not_scored(tmp_path):
    plain = score_file(table(tmp_path))
    rows = [ROWS[0], placeholder("指标2:"), placeholder("……"), placeholder("/", "/", "/", None), *ROWS[1:]]
    result = score_file(table(tmp_path, rows))
    assert result.projects[0].score == plain.projects[0].score == D(100)
    assert len(result.projects[0].lines) == 4
    skipped = result.evaluation.source.skipped
    assert [(s.row, word(s.kind, "zh")) for s in skipped] == [(14, "表样占位行"), (15, "表样占位行"), (16, "表样占位行")]
    assert "不计分的行（3 行）" in "\n".join(result.evaluation.source.lines("zh"))


def test_a_placeholder_name_with_points_is_scored_never_dropped(tmp_path):
    result = score_file(table(tmp_path, [ROWS[0], placeholder("指标2:", "≥1个", "1个", 5, 5), *ROWS[1:]]))
    assert [r.line.indicator.name for r in result.projects[0].lines][1] == "指标2:"


def test_group_breakdown_and_footer_rows_are_told_apart(tmp_path):
    def edit(ws):
        last = ws.max_row
        ws.cell(row=last + 1, column=1, value="说明")
        ws.cell(row=last + 1, column=2, value="无")
        ws.cell(row=last + 2, column=1, value="注：1、本表由项目单位填报。")
    rows = [placeholder("一、标识建设", None, None, 30, 30), ROWS[0], placeholder("其中：园区门户标识", "≥4套", "4套", None), *ROWS[1:]]
    result = score_file(table(tmp_path, rows, edit=edit))
    assert result.projects[0].score == D(100) and len(result.projects[0].lines) == 4
    kinds = [word(s.kind, "zh") for s in result.evaluation.source.skipped]
    assert kinds == ["分组标题行", "上一行的细分（其中）", "表下说明", "表下说明"]


# -- labels as printed --------------------------------------------------------------

def test_a_line_break_in_a_cost_label_keeps_its_at_most_rule(tmp_path):
    rows = [*ROWS[:1], Row("产出指标", "成本\n指标", "建设成本", 20, 25, 20, 20, unit="万元"), *ROWS[2:]]
    result = score_file(table(tmp_path, rows))
    cost = result.projects[0].lines[1]
    assert cost.line.indicator.comparator.value == "≤"
    assert cost.score == D(16)  # 20 × 20/25, not full marks for a cost overrun


def test_vertical_level1_labels_fold_to_their_names(tmp_path):
    rows = [Row(r.level1 if r.level1 != "产出指标" else "产\n出\n指\n标\n(50分)", r.level2, r.name, r.target, r.actual, r.weight, r.claimed)
            for r in ROWS]
    result = score_file(table(tmp_path, rows))
    assert {r.line.indicator.level1 for r in result.projects[0].lines} == {"产出指标", "效益指标", "满意度指标"}
    assert result.projects[0].score == D(100)


def test_a_level1_cell_of_points_only_joins_the_label_above(tmp_path):
    def edit(ws):
        ws.unmerge_cells("B13:B14")
        ws["B14"] = "(50分)"
    result = score_file(table(tmp_path, edit=edit))
    assert {r.line.indicator.level1 for r in result.projects[0].lines[:2]} == {"产出指标"}


def test_a_level1_cell_of_points_alone_is_a_problem_at_its_cell(tmp_path):
    def edit(ws):
        ws.unmerge_cells("B13:B14")
        ws["B13"] = "(50分)"
        ws["B14"] = None
    (found,) = problems(table(tmp_path, edit=edit))
    assert "B13" in found[0] and "(50分)" in found[2]


# -- header words ---------------------------------------------------------------------

def test_an_unknown_header_is_named_once_not_blamed_on_each_row(tmp_path, write):
    path = table(tmp_path, edit=lambda ws: ws.__setitem__("F12", "全年完成情况值"))
    (found,) = problems(path)
    assert "B12" in found[0] and "实际完成值" in found[1] and "F12「全年完成情况值」" in found[2]
    words = write("词表.toml", '[columns]\nactual = ["全年完成情况值"]\n')
    assert score_file(path, vocabulary=words).projects[0].score == D(100)


def test_header_words_met_in_published_tables_are_known(tmp_path):
    def edit(ws):
        ws["F12"] = "全年\n完成值"
        ws["E12"] = "年初目标值(A)"
        ws["A3"] = "专项资金名称"
    result = score_file(table(tmp_path, edit=edit))
    assert result.projects[0].score == D(100) and result.projects[0].subject.name == "门户标识"


def test_an_adjusted_target_is_the_one_scored(tmp_path):
    def edit(ws):
        ws.insert_cols(6)
        ws["F12"] = "调整指标值"
        ws["F13"] = "≥12套"
    result = score_file(table(tmp_path, edit=edit))
    assert result.projects[0].lines[0].line.indicator.target == D(12)
    assert result.projects[0].lines[0].score == D(25)  # 30 × 10/12


def test_a_bureau_vocabulary_file_is_checked(tmp_path, write):
    words = write("词表.toml", '[columns]\nactuals = ["x"]\nname = "三级"\n[rows.patterns]\nfooter = ["("]\n[colour]\n')
    result = runner.invoke(app, [str(table(tmp_path)), "--vocabulary", str(words)])
    assert result.exit_code == 2
    for said in ("columns.actuals", "columns.name", "rows.patterns.footer[0]", "colour"):
        assert said in result.output, said


def test_the_vocabulary_is_matched_after_one_normalisation():
    words = load_vocabulary()
    assert words.key_of("columns", "年度\n指标值（A）") == ("target", 0)
    assert words.key_of("budget.columns", "全年(调整)预算数") == ("full_year", 0)
    assert words.has("budget.blocks.provincial", "预算执行情况(万元)(20分)")
    assert words.kind_of("placeholder", "指标１：") and not words.kind_of("placeholder", "指标完成率")


# -- the title block ---------------------------------------------------------------------

def test_a_blank_department_does_not_take_the_next_label(tmp_path):
    def edit(ws):
        ws["C4"] = None
    found = problems(table(tmp_path, edit=edit))
    assert any("部门名称" in f[1] for f in found)


def test_a_title_with_zhengti_zhichu_is_the_overall_table(tmp_path):
    path = table(tmp_path, edit=lambda ws: ws.__setitem__("A1", "2023年度整体支出绩效自评表"))
    result = score_file(path)
    assert result.overall is not None and not result.projects


# -- budget blocks -------------------------------------------------------------------

def test_a_percentage_under_the_budget_points_is_a_problem_at_its_cell(tmp_path):
    path = table(tmp_path, edit=lambda ws: ws.__setitem__("G6", "100%"))
    (found,) = problems(path)
    assert "G6" in found[0] and "百分比" in found[1]


def test_amounts_written_with_their_unit_are_read(tmp_path):
    def edit(ws):
        ws["A5"] = "项目资金"
        for cell in ("E6", "F6"):
            ws[cell] = "4753.66万元"
    result = score_file(table(tmp_path, edit=edit))
    assert result.evaluation.money_unit == "万元" and result.projects[0].subject.budget.full_year == D("4753.66")
    assert result.projects[0].score == D(100)


def test_a_unit_in_a_figure_header_is_the_blocks(tmp_path):
    def edit(ws):
        ws["A5"] = "项目资金"
        ws["E5"] = "全年预算数(万元)"
    result = score_file(table(tmp_path, edit=edit))
    assert result.evaluation.money_unit == "万元"
    assert "金额单位" in "\n".join(result.evaluation.source.lines("zh"))


def test_an_executed_amount_in_another_unit_is_named(tmp_path):
    result = score_file(table(tmp_path, edit=lambda ws: ws.__setitem__("F6", D("0.08"))))
    (finding,) = [f for f in result.findings if f.code == "amount-implausible"]
    assert "E6" in finding.word("zh") and "F6" in finding.word("zh") and finding.severity == "error"


def test_a_hubei_block_keeps_its_own_points_and_unit_under_any_policy(tmp_path):
    rows = [Row("产出指标(60分)", "数量指标", "新建标识", "≥10套", "10套", 40, 40),
            Row("产出指标(60分)", "时效指标", "完成时限", "≤12月", "12月", 20, 20),
            Row("效益指标(20分)", "社会效益指标", "群众知晓率", "≥90%", "95%", 20, 20)]
    path = table(tmp_path, rows, layout=provincial, points=20, budget=(None, D("285.84"), D("284.5")), budget_claim=D("19.91"),
                 total_claim=D("99.91"))
    result = score_file(path)
    project = result.projects[0]
    assert project.budget.scored.points == D(20) and result.evaluation.money_unit == "万元"
    assert project.score == D("99.91")
    assert "budget-points-differ" in codes(result) and "claimed-mismatch" not in codes(result)
    finding = next(f for f in result.findings if f.code == "budget-points-differ")
    assert "hubei-2022" in finding.word("zh")
    assert "budget-points-differ" not in codes(score_file(path, policy="hubei-2022"))


# -- actuals in words under numeric targets ---------------------------------------------

def test_words_under_a_numeric_target_are_the_departments_claim(tmp_path):
    rows = [*ROWS[:2], Row("效益指标", "社会效益指标", "群众知晓率", "≥90%", "达成目标值", 30, 27), *ROWS[3:]]
    result = score_file(table(tmp_path, rows))
    row = result.projects[0].lines[2]
    assert row.score == D(27)
    (finding,) = [f for f in result.findings if f.code == "qualitative-judged"]
    assert "指标值是数值" in finding.word("zh")


def test_words_under_a_numeric_target_without_a_claim_are_refused(tmp_path):
    rows = [*ROWS[:2], Row("效益指标", "社会效益指标", "群众知晓率", "≥90%", "达成目标值", 30), *ROWS[3:]]
    (found,) = problems(table(tmp_path, rows))
    assert "F15" in found[0] and "达成目标值" in found[2]


def test_the_read_report_carries_skipped_rows_in_json(tmp_path):
    path = table(tmp_path, [ROWS[0], placeholder("……"), *ROWS[1:]])
    report = read_workbook_document(path).report.as_dict("en")
    assert report["skipped"] == [{"sheet": "项目1", "row": 14, "kind": "the form's placeholder", "cells": ["……"]}]


def test_a_hubei_block_with_a_points_column_is_not_read_as_the_10hao_block(tmp_path):
    """The block's rows labelled like a 10号 block's (年度资金总额) and a 分值 header left empty: the
    (20分) and 万元 of its 预算执行情况 label are the table's, not the policy's 10 points in 元."""
    rows = [Row("产出指标", "数量指标", "新建标识", "≥10套", "10套", 60, 60), Row("效益指标", "社会效益指标", "群众知晓率", "≥90%", "95%", 20, 20)]

    def edit(ws):
        ws.unmerge_cells("A4:A5")
        ws["A5"] = "年度资金总额"
        ws["F4"] = "分值"
    result = score_file(table(tmp_path, rows, edit=edit, layout=provincial, points=20, budget=(None, D(100), D(100))))
    assert result.projects[0].budget.scored.points == D(20) and result.evaluation.money_unit == "万元"
    assert "版式：预算执行情况" in "\n".join(result.evaluation.source.lines("zh"))


def test_a_table_that_ends_at_a_bare_label_is_cut_off_not_scored_short(tmp_path):
    def edit(ws):
        total = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "总分")
        ws.unmerge_cells(f"A{total}:F{total}")
        ws[f"A{total}"].value = None
        ws.cell(row=total, column=3, value="可持续影响\n指标")
    (found,) = problems(table(tmp_path, edit=edit))
    assert "C17" in found[0] and "截断" in found[2]


def test_an_empty_block_label_inside_a_table_is_passed_over(tmp_path):
    rows = [*ROWS[:3], Row("效益指标", "可持续影响指标", "", None, None, None), *ROWS[3:]]
    assert score_file(table(tmp_path, rows)).projects[0].score == D(100)


def test_a_percentage_under_an_amount_is_a_problem_at_its_cell(tmp_path):
    path = table(tmp_path, edit=lambda ws: ws.__setitem__("F6", "100%"))
    (found,) = problems(path)
    assert "F6" in found[0] and "百分比" in found[1]
