"""Rows as published tables print them, in TOML as in workbooks: scored with a finding, not refused."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from scoring import InputError, load_policy, score_file
from scoring.i18n import word
from scoring.load import load_evaluation

from . import builder as build


def row(**keys) -> dict:
    return build.row(keys.pop("level1", "产出指标"), keys.pop("name", "指标"), keys.pop("target"), keys.pop("weight", 90), **keys)


def evaluation(write, *rows: dict, budget: dict | None = None, policy: str | None = None, **subject):
    doc = build.evaluation(build.project("甲", *rows, budget=budget or {"full_year": 10, "executed": 10}, **subject), department="部",
                           **({"policy": policy} if policy else {}))
    return write("e.toml", build.toml(doc))


def only(result):
    (p,) = result.projects
    return p


def codes(result):
    return [f.code for f in result.findings]


def test_a_target_with_no_unit_is_scored(write):
    result = score_file(evaluation(write, row(target="43.2", actual=40, reason="未达")))
    line = only(result).lines[0]
    assert line.score == (D(40) / D("43.2") * 90).quantize(D("0.01")) and "unit-missing" in codes(result)


def test_a_unit_in_the_name(write):
    result = score_file(evaluation(write, row(name="服务外包在岸(万美元)", target=20000, actual="23333.56万美元")))
    ind = only(result).lines[0].line.indicator
    assert ind.unit == "万美元" and ind.unit_from_name and "unit-missing" not in codes(result)


def test_unit_synonyms_are_policy_data(write):
    result = score_file(evaluation(write, row(target="≥50万元", actual="50万"), row(name="率", target="≥90百分比", actual="95%", weight=1)))
    assert [r.score for r in only(result).lines] == [90, 1]


@pytest.mark.parametrize("target,actual", [("有效", "有效"), ("获得目的国(地区)受众欢迎", "获得目的国（地区）受众欢迎。"),
                                           ("2022年12月底前", "2022年12月底前")])
def test_a_qualitative_actual_that_restates_its_target_is_achieved(write, target, actual):
    result = score_file(evaluation(write, row(comparator="定性", target=target, actual=actual)))
    assert only(result).lines[0].score == 90 and "actual-restates-target" in codes(result)


def test_free_words_take_the_claim_named_as_such(write):
    result = score_file(evaluation(write, row(comparator="定性", target="获得目的国(地区)受众欢迎", actual="受目的国受众欢迎显著", claimed=85)))
    assert only(result).lines[0].score == 85 and "qualitative-judged" in codes(result)


@pytest.mark.parametrize("claimed", [None, 95])
def test_free_words_without_a_claim_within_the_points_are_a_problem(write, claimed):
    extra = {"claimed": claimed} if claimed is not None else {}
    with pytest.raises(InputError) as info:
        load_evaluation(evaluation(write, row(comparator="定性", target="显著提升", actual="受欢迎", **extra)))
    assert "actual" in word(info.value.problems[0].place, "zh")


@pytest.mark.parametrize("name,target,actual,score", [
    ("投诉次数", "0次", "0次", 90),       # a target of 0
    ("安全事故", "2起", "4起", 45),       # a bad event: 2/4 × 90
    ("结转结余率", "10%", "5%", 90),
    ("服务企业", "10家", "5家", 45),      # higher is better
])
def test_lower_is_better_by_default_where_the_policy_says(write, name, target, actual, score):
    reason = {"reason": "原因"}
    result = score_file(evaluation(write, row(name=name, target=target, actual=actual, **reason)))
    assert only(result).lines[0].score == score and "comparator-assumed" in codes(result)


def test_point_suffixes_are_stripped_before_any_rule(write):
    result = score_file(evaluation(write, row(level1="成本指标(10分)", level2="经济成本指标（10 分）", target="1.2万元", actual="1.5万元",
                                              weight=10, reason="涨价")))
    ind = only(result).lines[0].line.indicator
    assert (ind.level1, ind.level2, ind.comparator.value, ind.level1_points) == ("成本指标", "经济成本指标", "≤", 10)
    assert only(result).lines[0].score == 8


def test_satisfaction_under_benefit_is_satisfaction(write):
    result = score_file(evaluation(write, row(level1="产出指标", target="≥1个", actual=1, weight=50),
                                   row(level1="效益指标", level2="满意度指标", name="满意度", target="≥90%", actual=95, weight=40)))
    assert "satisfaction-missing" not in codes(result)


@pytest.mark.parametrize("budget,score,denominator", [
    ({"full_year": 0, "executed": 5, "initial": 10}, 5, "initial"),
    ({"initial": 10, "executed": 5}, 5, "initial"),
    ({"full_year": 0, "executed": 5}, 0, "full_year"),
])
def test_a_zero_or_missing_denominator_is_scored_with_a_finding(write, budget, score, denominator):
    result = score_file(evaluation(write, row(target="≥1个", actual=1), budget=budget))
    b = only(result).budget
    assert b.score == score and b.scored.denominator == denominator and "budget-denominator" in codes(result)


def test_platform_rules_deviation_and_caps(write):
    result = score_file(evaluation(write, row(target="≥10个", actual=13, reason="超额"), row(name="乙", target="≥10个", actual=12, weight=1),
                                   budget={"full_year": 100, "executed": 65}, policy="yitihua-2023"))
    p = only(result)
    # 13/10 − 1 = 0.3 ≥ 0.3: 指标偏离, 90 − 2 = 88; 12/10 − 1 = 0.2: kept. Budget 0.65 × 10 = 6.5.
    assert [r.score for r in p.lines] == [88, 1] and p.budget.score == D("6.5")
    # 95.5 of 101 = 94.55, but 65 % is under 70 %: at most 79.
    assert p.score == 79 and p.cap == 79 and "budget-cap" in codes(result)


@pytest.mark.parametrize("actual,capped", [(73, False), (D("73.01"), True)])
def test_a_total_reaching_its_cap_exactly_is_not_capped(write, actual, capped):
    """The cap is an upper bound: a total equal to it keeps its score with no finding (none deducting
    0.00); a hundredth above it is brought down to it, with its finding."""
    result = score_file(evaluation(write, row(target="≥90个", actual=actual, reason="未完成"),
                                   budget={"full_year": 100, "executed": 60}, policy="yitihua-2023"))
    p = only(result)
    # 73/90 × 90 = 73 (or 73.01) + budget 0.6 × 10 = 6: 79 (79.01) of 100; 60 % is under 70 %: at most 79.
    assert p.earned == 79 + (actual - 73) and p.exact == 79
    assert ("budget-cap" in codes(result)) is capped
    assert p.score == 79 and p.cap == (79 if capped else None)
    if capped:
        (cap,) = [f for f in result.findings if f.code == "budget-cap"]
        assert "0.01" in cap.word("zh")


def test_a_printed_total_of_100_over_120_points_is_an_error(write):
    path = evaluation(write, row(target="≥1个", actual=1, weight=100), claimed={"score": 100, "points": 100}, budget_points=20)
    result = score_file(path)
    (w,) = [f for f in result.findings if f.code == "weights-sum"]
    assert w.severity == "error" and "120" in w.word("zh")


def test_extends_can_replace_and_remove_tables(write):
    path = write("p.toml", 'id = "p"\ntitle = "p"\nextends = "central-2020"\nreplace = ["split.points"]\nremove = ["grades.aliases.合格"]\n'
                           '[split]\npoints = { "产出指标" = 60, "效益指标" = 40 }\n')
    p = load_policy(str(path))
    assert p.split.points == {"产出指标": 60, "效益指标": 40}
    assert "合格" not in p.grades.aliases and "优秀" in p.grades.aliases
    merged = write("m.toml", 'id = "m"\ntitle = "m"\nextends = "central-2020"\n[split]\npoints = { "产出指标" = 60 }\n')
    assert load_policy(str(merged)).split.points["满意度指标"] == 10  # without replace, tables merge


def test_extends_edits_name_what_is_not_there(write):
    path = write("p.toml", 'id = "p"\ntitle = "p"\nextends = "central-2020"\nremove = ["split.nothing"]\nreplace = ["budget.points"]\n')
    with pytest.raises(InputError) as info:
        load_policy(str(path))
    assert {word(p.place, "zh") for p in info.value.problems} == {"remove", "replace"}


@pytest.mark.parametrize("knob", ['[overachievement]\nslope = -1', '[overachievement]\npoints = -2', '[budget]\ncaps = [{ below = 2, at_most = 89 }]',
                                  '[split]\nstrictness = "sometimes"'])
def test_new_knobs_are_range_checked(write, knob):
    path = write("p.toml", f'id = "p"\ntitle = "p"\nextends = "central-2020"\n{knob}\n')
    with pytest.raises(InputError):
        load_policy(str(path))


@pytest.mark.parametrize("policy_id", ["hubei-2022", "central-2020-whole", "central-2020-truncate", "yitihua-2023"])
def test_every_shipped_policy_cites_its_sources(policy_id):
    p = load_policy(policy_id)
    assert p.id == policy_id and p.extends == "central-2020" and p.sources
    whole = {"central-2020-whole": (0, "half_up"), "central-2020-truncate": (0, "down")}
    if policy_id in whole:
        assert (p.rounding.decimals, p.rounding.mode) == whole[policy_id]
