"""Deadlines (时效指标) as published tables write them: ``9月前`` is ≤ 9 月, and an actual written as a
date is the month it falls in, counted from January of the table's year (``2024年3月`` in a 2023 table
is month 15). In TOML as in a workbook: both go through the same row builders."""

from __future__ import annotations

import json
import tempfile
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import InputError, score_file
from scoring.engine import score_evaluation
from scoring.load import load_evaluation
from scoring.model import Comparator
from scoring.rules import Rule, readings
from scoring.testing.workbooks import Row, Table, book, ten_hao

from . import builder as build
from .conftest import cli

YEAR = 2023


def row(target, actual=None, **keys) -> dict:
    keys = {"actual": actual, **keys} if actual is not None else keys
    return build.row(keys.pop("level1", "产出指标"), keys.pop("name", "完成时限"), target, keys.pop("weight", 10), **keys)


def write(folder: Path, *rows: dict, policy: str | None = None, year: int = YEAR) -> Path:
    doc = build.evaluation(build.project("甲", *rows, budget={"full_year": 10, "executed": 10}), year=year,
                           **({"policy": policy} if policy else {}))
    return build.write_doc(folder, doc)


def only_line(path: Path):
    (p,) = score_file(path).projects
    (line,) = p.lines
    return line


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_evaluation(path)
    return [p.word("en") for p in info.value.problems]


# -- targets ------------------------------------------------------------------------------------

@pytest.mark.parametrize("target,month", [
    ("9月前", 9), ("9月底前", 9), ("9月份前", 9), ("9月底", 9), ("9月末前", 9), ("9月末", 9), ("9月之前", 9),
    ("年底前", 12), ("年内", 12), ("年末前", 12), ("年底", 12), ("年末", 12), ("年度内", 12), ("本年内", 12),
    ("2023年9月前", 9), ("2023年9月底前", 9), ("2023年9月", 9), ("2023年底前", 12), ("2023年年底前", 12),
    ("2023年12月31日前", 12), ("6月30日前", 6), ("十二月底前", 12), ("９月前", 9), ("2023 年 9 月 底前", 9),
    ("2024年3月前", 15),  # the next year's March: the 15th month counted from January 2023
])
def test_a_deadline_target_is_at_most_its_month(tmp_path, target, month):
    ind = only_line(write(tmp_path, row(target, "1月"))).line.indicator
    assert (ind.comparator, ind.target, ind.unit, ind.deadline) == (Comparator.AT_MOST, D(month), "月", True)
    assert not ind.comparator_assumed and ind.target_display() == target


@pytest.mark.parametrize("unit", ["月前", "月底前", "月份前", "月底", "月末前"])
def test_a_month_with_a_deadline_for_its_unit_is_a_deadline(tmp_path, unit):
    """A workbook's 度量单位 column may carry the 前: 9 with the unit 月前 is 9月前, not 9 of a unit 月前."""
    ind = only_line(write(tmp_path, row(9, "8月", unit=unit))).line.indicator
    assert (ind.comparator, ind.target, ind.unit, ind.deadline) == (Comparator.AT_MOST, D(9), "月", True)


@pytest.mark.parametrize("target,comparator,number,unit,text", [
    ("9月", Comparator.AT_LEAST, D(9), "月", None),  # a number of months, as it always was (≥, assumed)
    ("≤12月", Comparator.AT_MOST, D(12), "月", None),
    ("2022年12月底前", Comparator.QUALITATIVE, None, None, "2022年12月底前"),  # a year before the table's: text, as before
    ("2025年6月前", Comparator.QUALITATIVE, None, None, "2025年6月前"),  # two years on: not guessed
    ("11月15日前", Comparator.QUALITATIVE, None, None, "11月15日前"),  # no month's end
    ("2023.9", Comparator.AT_LEAST, D("2023.9"), None, None),  # figures are a number in a target, as before
])
def test_what_is_no_deadline_keeps_its_reading(tmp_path, target, comparator, number, unit, text):
    actual = "2023年8月" if comparator is Comparator.QUALITATIVE else None
    doc = row(target, actual, claimed=10) if actual else row(target, number if number is not None else 1)
    ind = only_line(write(tmp_path, doc)).line.indicator
    assert (ind.comparator, ind.target, ind.unit, ind.target_text, ind.deadline) == (comparator, number, unit, text, False)


@pytest.mark.parametrize("keys", [{"comparator": "≤"}, {"comparator": "<="}, {"comparator": "反向"}, {"unit": "月"},
                                  {"comparator": "定量"}])
def test_a_comparator_or_unit_that_agrees_with_the_deadline(tmp_path, keys):
    ind = only_line(write(tmp_path, row("9月前", "8月", **keys))).line.indicator
    assert (ind.comparator, ind.target, ind.unit) == (Comparator.AT_MOST, D(9), "月")


@pytest.mark.parametrize("keys,key", [({"comparator": "≥"}, "comparator"), ({"comparator": "="}, "comparator"),
                                      ({"unit": "天"}, "unit")])
def test_a_comparator_or_unit_that_contradicts_the_deadline_is_a_problem(tmp_path, keys, key):
    (problem,) = problems(write(tmp_path, row("9月前", "8月", **keys)))
    assert key in problem and "9月前" in problem


def test_a_deadline_written_as_qualitative_stays_text(tmp_path):
    line = only_line(write(tmp_path, row("年底前", "年底前", comparator="定性")))
    assert line.line.indicator.qualitative and line.score == 10


# -- actuals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("actual,month,restated,shown", [
    ("9月", 9, False, False), ("2023年9月", 9, False, True), ("9月底", 9, False, True), ("9月份", 9, False, False),
    ("2023年9月30日", 9, False, True), ("9月30日", 9, False, True), ("2023.9", 9, False, True), ("2023.09", 9, False, True),
    ("2023.10", 10, False, True), ("2023-9", 9, False, True), ("2023-1", 1, False, True), ("2023/9/30", 9, False, True),
    ("2023.1.15", 1, False, True), ("十月", 10, False, False),
    ("2024年3月", 15, False, True), ("2024.3", 15, False, True), ("2022年11月", -1, False, True),
    ("9月前", 9, True, True), ("年底前", 12, True, True), ("2023年12月底前", 12, True, True),  # a deadline restated
    (D(9), 9, False, False), (D(15), 15, False, False), ("9", 9, False, False),
])
def test_an_actual_is_the_month_it_names(tmp_path, actual, month, restated, shown):
    out = only_line(write(tmp_path, row("年底前", actual, reason="原因"))).line.outcome
    assert (out.actual, out.restates_target, out.dated) == (D(month), restated, shown)


@pytest.mark.parametrize("actual,said", [
    ("2023.1", "2023.10"),  # January, or October whose 0 a spreadsheet number dropped
    ("2025年3月", "2022 to 2024"), ("2021年12月", "2022 to 2024"),  # more than a year from the table's: not guessed
    (D("2023.9"), "13–24"), (D(0), "13–24"), (D(25), "13–24"), ("30月", "13–24"),
    ("2023年13月", "a month or a date"), ("2023年2月29日", "a month or a date"), ("下个月", "a month or a date"),
    ("9个", "the target's unit"),
])
def test_an_actual_that_is_no_month_of_the_table_is_a_problem(tmp_path, actual, said):
    (problem,) = problems(write(tmp_path, row("9月前", actual)))
    assert "actual" in problem and said in problem, problem


@pytest.mark.parametrize("keys,score", [({"actual": "完成"}, 10), ({"actual": "已完成"}, 10), ({"grade": "良"}, 8),
                                        ({"actual": "良"}, 8), ({"actual": "按进度推进", "claimed": 6}, 6)])
def test_a_deadline_takes_what_a_qualitative_row_took(tmp_path, keys, score):
    """年底前 and 2023年12月底前 were read as 定性 text; a file that wrote 完成, a grade or its own
    score for one keeps the meaning it had."""
    for target in ("年底前", "2023年12月底前", "9月前"):
        assert only_line(write(tmp_path, row(target, reason="原因", **keys))).score == score


def test_a_month_row_reads_a_date_too(tmp_path):
    """A ≤ 12月 row is a deadline in all but its spelling: a date is its month; every reading it had stays."""
    assert only_line(write(tmp_path, row("≤12月", "2023年9月"))).line.outcome.actual == 9
    assert only_line(write(tmp_path, row("≤12月", "2024年3月", reason="延期"))).score == 8
    assert only_line(write(tmp_path, row("≤12月", "2023.9"))).line.outcome.actual == D("2023.9")  # a number, as before


# -- scoring ------------------------------------------------------------------------------------

@pytest.mark.parametrize("target,actual,score", [
    ("9月前", "2023年8月", D(10)),
    ("9月前", "2023年9月", D(10)),   # on the deadline: met (≤, not <)
    ("9月前", "2023年10月", D("9.00")),  # 9/10 × 10
    ("年底前", "2023年12月31日", D(10)),
    ("年底前", "2024年1月", D("9.23")),  # 12/13 × 10
    ("年底前", "2024年3月", D("8.00")),  # 12/15 × 10: the next year counts 12 + N
    ("年底前", "2024年12月", D("5.00")),  # 12/24 × 10
    ("2024年3月前", "2024年3月", D(10)),
    ("2024年3月前", "2024年6月", D("8.33")),  # 15/18 × 10
    ("9月前", "2022年11月", D(10)),  # done before the year began
])
def test_deadlines_score_as_at_most_rows(tmp_path, target, actual, score):
    line = only_line(write(tmp_path, row(target, actual, reason="原因")))
    assert line.score == score


def test_on_the_deadline_is_met_even_where_equal_does_not_meet_strict(tmp_path):
    """Fails if a deadline is read as < (or the rule compares with <): under a policy where B = A does
    not meet a strict comparator, the row would be a shortfall that needs a reason."""
    policy = tmp_path / "strict.toml"
    policy.write_text('id = "strict"\ntitle = "strict"\nextends = "central-2020"\n[formulas]\nequal_meets_strict = false\n',
                      encoding="utf-8")
    path = write(tmp_path, row("9月底前", "2023年9月30日"), policy=str(policy))
    result = score_file(path)
    (line,) = result.projects[0].lines
    assert line.line.indicator.comparator is Comparator.AT_MOST
    assert line.scored.rule is Rule.AT_MOST and line.scored.achieved and line.score == 10
    assert "reason-missing" not in [f.code for f in result.findings]


def test_the_next_year_counts_twelve_more(tmp_path):
    """Fails if 2024年3月 is read as month 3 of a 2023 table (full marks) rather than 15 (late)."""
    result = score_file(write(tmp_path, row("年底前", "2024年3月")))
    (line,) = result.projects[0].lines
    assert line.line.outcome.actual == 15 and not line.scored.achieved
    assert line.scored.rule is Rule.AT_MOST_INVERSE and line.score == 8
    assert "reason-missing" in [f.code for f in result.findings]


def test_a_later_table_counts_from_its_own_year(tmp_path):
    line = only_line(write(tmp_path, row("2024年9月前", "2024年10月", reason="延期"), year=2024))
    assert (line.line.indicator.target, line.line.outcome.actual, line.score) == (9, 10, D(9))


def test_an_indicator_set_counts_from_the_evaluation_year(tmp_path):
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "s.toml").write_text('title = "甲"\n[[indicator]]\nlevel1 = "产出指标"\nname = "完成时限"\n'
                                 'target = "2024年6月前"\nweight = 10\n', encoding="utf-8")
    shared: dict = {}  # as a batch shares them: a set read for 2023 is read again for 2024
    for year, month in ((2023, 18), (2024, 6), (2023, 18)):
        doc = {"department": "部", "year": year, "project": [{"name": "甲", "indicators": "sets/s.toml",
                                                             "results": {"完成时限": {"actual": f"{year}年6月"}}}]}
        path = build.write_doc(tmp_path, doc, f"e{year}.toml")
        (p,) = score_evaluation(load_evaluation(path, sets=shared)).projects
        assert p.lines[0].line.indicator.target == month and p.lines[0].score == 10


def test_a_workbook_reads_deadlines_as_toml_does(tmp_path):
    path = book(tmp_path / "t.xlsx", [Table("甲", [
        Row("产出指标", "时效指标", "完成时限", "9月前", "2023年10月", 45, reason="延期"),
        Row("产出指标", "时效指标", "验收时间", "年底前", "2023年12月", 45),
    ])], ten_hao)
    (p,) = score_file(path).projects
    assert [(r.line.indicator.target, r.line.outcome.actual, r.score) for r in p.lines] == [(9, 10, D("40.50")), (12, 12, 45)]


# -- the trace ----------------------------------------------------------------------------------

def test_the_trace_shows_the_reading(tmp_path):
    path = write(tmp_path, row("9月前", "2023年8月", name="甲"), row("年底前", "2024年3月", name="乙", reason="延期"))
    explained = cli(path, "--explain", code=0).output
    assert "读作：9月前 → ≤ 9月；2023年8月 → 第8月" in explained and "读作：年底前 → ≤ 12月；2024年3月 → 第15月" in explained
    english = cli(path, "--explain", "--lang", "en", code=0).output
    assert "read as: 9月前 → ≤ month 9; 2023年8月 → month 8" in english and "2024年3月 → month 15" in english
    data = json.loads(cli(path, "-f", "json", code=0).output)
    rows = data["projects"][0]["indicators"]
    assert [r["trace"]["reading"] for r in rows] == [["9月前 → ≤ 9月", "2023年8月 → 第8月"], ["年底前 → ≤ 12月", "2024年3月 → 第15月"]]
    assert [(r["comparator"], r["target"], r["unit"], r["actual"], r["score"]) for r in rows] == [
        ("≤", "9", "月", "8", "10.00"), ("≤", "12", "月", "15", "8.00")]


def test_a_plain_row_has_no_reading(tmp_path):
    line = only_line(write(tmp_path, row("≤12月", "11月")))
    assert readings(line.line.indicator, line.line.outcome) == ()


def test_the_cli_scores_a_deadline_file(tmp_path):
    path = write(tmp_path, row("年底前", "2024年3月", reason="延期", weight=90))
    out = cli(path, code=0).output
    assert "年底前" in out and "2024年3月" in out and "82.00" in out  # 72 + the budget's 10


# -- the property -------------------------------------------------------------------------------

DEADLINES = ("{d}月前", "{d}月底前", "{d}月份前", "{d}月底", "{d}月末前", "{y}年{d}月前", "{y}年{d}月底前", "{y}年{d}月")


@settings(max_examples=60, deadline=None)
@given(d=st.integers(1, 12), a=st.integers(1, 24), spelling=st.sampled_from(DEADLINES))
def test_full_points_exactly_when_done_by_the_deadline(d, a, spelling):
    """For any deadline month d and actual month a (written 2023年M月 or 2024年M月), the row gets its
    full points iff a ≤ d."""
    actual = f"{YEAR + (a - 1) // 12}年{(a - 1) % 12 + 1}月"
    with tempfile.TemporaryDirectory() as folder:
        line = only_line(write(Path(folder), row(spelling.format(d=d, y=YEAR), actual, reason="原因")))
    assert line.line.outcome.actual == a
    assert (line.score == 10) is (a <= d)
    if a > d:
        assert line.score == (D(10) * d / a).quantize(D("0.01"), ROUND_HALF_UP)



def test_an_approved_deadline_takes_the_word_it_was_given(tmp_path):
    """Scored against an approved 年底前, a row the department wrote 完成 for is achieved, as before."""
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "approved.toml").write_text('title = "甲"\n[[indicator]]\nlevel1 = "产出指标"\nname = "完成时限"\n'
                                        'target = "年底前"\nweight = 10\n', encoding="utf-8")
    doc = build.evaluation(build.project("甲", row("2023年12月底前", "完成"), budget={"full_year": 10, "executed": 10},
                                         approved="sets/approved.toml"))
    result = score_file(build.write_doc(tmp_path, doc))
    assert result.projects[0].lines[0].score == 10 and "target-changed" not in [f.code for f in result.findings]
