"""Findings and claimed values, on small hand-made evaluations."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from scoring import engine, load_evaluation, score_evaluation
from scoring.findings import Kind
from scoring.numbers import round_to

from .builder import DELETE, edit, evaluation, project, row, write_doc


def evaluate(tmp_path, doc: dict):
    return score_evaluation(load_evaluation(write_doc(tmp_path, doc)))


def codes(result) -> list[str]:
    return sorted(f.code for f in result.findings)


PROJECT = project(
    "甲",
    row("产出指标", "数量", "≥10个", 50, actual=8, claimed=50),
    row("效益指标", "效益", "≥100%", 30, actual="130%", claimed=33),
    row("满意度指标", "满意度", "≥90%", 10, actual="95%"),
    budget={"full_year": 200, "executed": 180},
    claimed={"score": 100, "grade": "优", "budget_score": 10},
)
PLAIN = evaluation(PROJECT)
"""One project: 8 of 10 (40 of 50), far over target (30), met (10), budget 180 of 200 (9): 89, 良."""


@pytest.fixture
def result(tmp_path):
    return evaluate(tmp_path, PLAIN)


def test_scores_and_totals(result):
    (p,) = result.projects
    by_name = {r.line.indicator.name: r for r in p.lines}
    assert by_name["数量"].score == Decimal("40.00")
    assert by_name["效益"].score == Decimal("30.00")
    assert p.budget.score == Decimal("9.00")
    assert (p.earned, p.possible, p.score, p.grade) == (Decimal("89.00"), Decimal(100), Decimal("89.00"), "良")


def test_marked_down_row_without_reason(result):
    f = next(f for f in result.findings if f.code == "reason-missing")
    assert f.indicator == "数量" and "B/A × w = 8/10 × 50 = 40.00" in f.word("zh")


def test_overachievement_is_flagged_and_needs_a_reason(result):
    over = [f for f in result.findings if f.code == "overachieved"]
    assert [f.indicator for f in over] == ["效益"]
    assert {f.indicator for f in result.findings if f.code == "reason-missing"} == {"数量", "效益"}


def test_claims_are_compared_at_every_level(result):
    mismatches = [f for f in result.findings if f.code == "claimed-mismatch"]
    where = sorted((f.subject or "", f.indicator or "", f.word("zh")) for f in mismatches)
    messages = " ".join(m for *_, m in where)
    # row 数量: claimed 50 for 40; row 效益: 33 above its 30 points; budget 10 for 9;
    # the project 100 for 89, and 优 for 良.
    assert len(mismatches) == 5
    assert "超过分值 30" in messages
    assert "自评等级「优」，复算等级「良」" in messages
    assert all(f.severity == "error" for f in mismatches)


@pytest.mark.parametrize("claimed,above", [(50, False), (Decimal("50.01"), True), (51, True)])
def test_a_claim_is_above_its_points_only_when_it_exceeds_them(tmp_path, claimed, above):
    """数量 (8 of 10, 50 points) computes 40: a claim of 50 is wrong but at its points, not above them."""
    result = evaluate(tmp_path, edit(PLAIN, "数量", claimed=claimed))
    (f,) = [f for f in result.findings if f.code == "claimed-mismatch" and f.indicator == "数量"]
    assert f.claimed == str(claimed) and f.computed == "40.00"
    assert ("超过分值 50" in f.word("zh")) is above
    assert ("above its 50 points" in f.word("en")) is above


def test_correct_claims_raise_nothing(tmp_path):
    doc = edit(PLAIN, "数量", claimed=40, reason="两个点位未建成")
    doc = edit(doc, "效益", claimed=30, reason="目标偏低")
    doc = edit(doc, claimed={"score": 89, "grade": "良好", "budget_score": 9})
    result = evaluate(tmp_path, doc)
    assert codes(result) == ["overachieved"]


def test_rate_above_one_is_capped(tmp_path):
    result = evaluate(tmp_path, edit(PLAIN, "满意度", actual=DELETE, rate=1.5, claimed=15))
    (p,) = result.projects
    line = next(r for r in p.lines if r.line.indicator.name == "满意度")
    assert line.score == 10 and line.scored.capped
    assert any(f.code == "claimed-mismatch" and f.indicator == "满意度" for f in result.findings)


def test_execution_rate_above_100_is_capped(tmp_path):
    doc = edit(PLAIN, budget={"full_year": 200, "executed": 220}, claimed={"score": 100, "grade": "优", "budget_score": 11})
    result = evaluate(tmp_path, doc)
    (p,) = result.projects
    assert p.budget.score == 10 and p.budget.scored.rate == Decimal("1.1")
    assert any(f.code == "claimed-mismatch" and "预算执行率" in f.word("zh") for f in result.findings)


def test_points_printed_as_100_while_they_add_to_110(tmp_path):
    result = evaluate(tmp_path, edit(PLAIN, "满意度", weight=20))
    f = next(f for f in result.findings if f.code == "weights-sum")
    assert "110" in f.word("zh")


def test_not_applicable_rows_are_dropped_and_rescale(tmp_path):
    result = evaluate(tmp_path, edit(PLAIN, "满意度", actual=DELETE, status="na"))
    (p,) = result.projects
    assert p.possible == 90
    assert "not-applicable" in codes(result)


def test_roll_up_is_weighted_by_executed_budget(tmp_path):
    other = edit(evaluation(PROJECT), "数量", actual=10)["project"][0] | {"name": "乙", "budget": {"full_year": 200, "executed": 20}}
    result = evaluate(tmp_path, evaluation(PROJECT, other))
    a, b = result.projects
    expected = (Decimal(180) * a.score + Decimal(20) * b.score) / Decimal(200)
    assert result.rollup.method == "budget_weighted"
    assert result.score == expected.quantize(Decimal("0.01"))


def test_qualitative_band_takes_the_claim_inside_it(tmp_path):
    doc = evaluation(project("丙", row("效益指标", "社会效益", "达成年度指标", 10, comparator="定性", scale="三档",
                                       grade="部分达成年度指标并具有一定效果", claimed=7, reason="部分完成"),
                             budget={"full_year": 1, "executed": 1}))
    result = evaluate(tmp_path, doc)
    line = result.projects[0].lines[0]
    assert line.score == 7 and line.scored.rule == "qualitative.band"
    assert not any(f.code == "claimed-mismatch" for f in result.findings)
    over = evaluate(tmp_path, edit(doc, "社会效益", claimed=9))
    assert over.projects[0].lines[0].score == 8
    assert any(f.code == "claimed-mismatch" for f in over.findings)


def test_restated_actual_and_assumed_comparator_are_reported(tmp_path):
    doc = edit(PLAIN, "满意度", actual="≥90%", target="90%")
    assert {"actual-restates-target", "comparator-assumed"} <= set(codes(evaluate(tmp_path, doc)))


def test_a_total_printed_on_the_100_point_scale_agrees_with_its_rows(tmp_path):
    # 满意度 is not applicable: 90 points remain; rows claimed 40 + 30 + 9 = 79 → 79/90 × 100 = 87.78.
    doc = edit(PLAIN, "满意度", actual=DELETE, status="na")
    doc = edit(edit(doc, "数量", claimed=40, reason="x"), "效益", claimed=30, reason="y")
    doc = edit(doc, claimed={"score": Decimal("87.78"), "budget_score": 9})
    result = evaluate(tmp_path, doc)
    assert result.projects[0].score == Decimal("87.78")
    assert not [f for f in result.findings if f.code == "claimed-mismatch"]
    printed_100 = evaluate(tmp_path, edit(doc, claimed={"score": 100, "budget_score": 9}))
    assert [f for f in printed_100.findings if "各项自评得分合计 79，自评总分却为 100" in f.word("zh")]


def test_roll_up_falls_back_to_the_plain_mean_without_executed_figures(tmp_path):
    other = {k: v for k, v in PROJECT.items() if k != "budget"} | {"name": "乙"}
    result = evaluate(tmp_path, evaluation(PROJECT, other))
    a, b = result.projects
    assert result.rollup.method == "mean" and "rollup-fallback" in codes(result)
    assert result.score == ((a.score + b.score) / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_text_target_is_qualitative_without_an_assumption(tmp_path):
    result = evaluate(tmp_path, edit(PLAIN, "满意度", target="及时", actual="完成"))
    assert "comparator-assumed" not in codes(result)
    assert next(r for r in result.projects[0].lines if r.line.indicator.name == "满意度").score == 10


_EXACT = st.decimals(min_value=0, max_value=100, places=6)


@given(_EXACT, _EXACT | st.builds(lambda e, d, m: round_to(e, d, m), _EXACT, st.integers(0, 2), st.sampled_from(["half_up", "down"])),
       st.booleans())
@example(Decimal("3.7"), Decimal("3"), False)  # truncated: 0.7 off
@example(Decimal("3.96"), Decimal("3"), True)  # truncated: 0.96 off
@example(Decimal("3.5"), Decimal("4"), False)  # whole points
@example(Decimal("3.45"), Decimal("3.5"), False)  # one decimal
@example(Decimal("3.7"), Decimal("5"), False)  # overclaimed
@example(Decimal("4"), Decimal("3"), True)  # marked down, with a reason
def test_a_claim_is_a_rounding_exactly_when_a_published_rounding_gives_it(exact, claimed, reasoned):
    """Rounding (whole points, one decimal, truncating) names a claim those roundings give, and no
    other; any other claim is overclaimed above the rules' score and marked down below it."""
    assume(claimed != exact)
    kind, _ = engine._kind_of_claim(claimed, exact, "原因" if reasoned else None)
    rounds = any(round_to(exact, d, m) == claimed for d, m in ((0, "half_up"), (1, "half_up"), (0, "down")))
    assert (kind is Kind.ROUNDING) == rounds
    if not rounds:
        assert kind is (Kind.OVERCLAIMED if claimed > exact else Kind.MARKED_DOWN)
