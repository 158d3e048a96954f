"""Properties of the scoring rules (财预〔2020〕10号 and the policy's knobs)."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from scoring import rules
from scoring.engine import score_subject
from scoring.model import Comparator, Line, Outcome, Subject
from scoring.numbers import PLAIN_DIGITS, fixed, plain, round_to

from .strategies import (
    CENTRAL,
    amounts,
    lines,
    policies,
    quantitative_indicators,
    subjects,
)


@given(lines(), policies())
def test_score_is_between_zero_and_the_weight(line, policy):
    scored = rules.score_outcome(line.indicator, line.outcome, policy)
    assert Decimal(0) <= scored.exact <= line.indicator.weight


@given(quantitative_indicators([Comparator.AT_LEAST, Comparator.MORE_THAN]), amounts("0", "1000"), amounts("0", "1000"), policies())
def test_higher_actual_never_scores_less_for_at_least(ind, b1, b2, policy):
    """Up to the target, at least; past it, only a policy's over-achievement deduction takes away."""
    policy = attrs.evolve(policy, overachievement=CENTRAL.overachievement)
    low, high = sorted((b1, b2))
    s_low = rules.score_outcome(ind, Outcome(actual=low), policy).exact
    s_high = rules.score_outcome(ind, Outcome(actual=high), policy).exact
    assert s_low <= s_high


@given(quantitative_indicators([Comparator.AT_MOST, Comparator.LESS_THAN]), amounts("0", "1000"), amounts("0", "1000"), policies())
def test_higher_actual_never_scores_more_for_at_most(ind, b1, b2, policy):
    low, high = sorted((b1, b2))
    s_low = rules.score_outcome(ind, Outcome(actual=low), policy).exact
    s_high = rules.score_outcome(ind, Outcome(actual=high), policy).exact
    assert s_low >= s_high


@given(quantitative_indicators(), policies())
def test_meeting_the_target_exactly_earns_full_marks(ind, policy):
    """B = A earns w; under > and < it is met only where formulas.equal_meets_strict says so."""
    scored = rules.score_outcome(ind, Outcome(actual=ind.target), policy)
    assert scored.exact == ind.weight
    assert scored.achieved == (not ind.comparator.is_strict or policy.formulas.equal_meets_strict)


@given(quantitative_indicators([Comparator.MORE_THAN, Comparator.LESS_THAN]), st.booleans())
def test_equal_meets_strict_decides_whether_b_equal_to_a_meets_a_strict_target(ind, meets):
    """B = A under > or <: met when formulas.equal_meets_strict is true, a shortfall when false (so the
    row then needs its reason, reasons.shortfall); its ratio of 1 still earns the row's points."""
    policy = attrs.evolve(CENTRAL, formulas=attrs.evolve(CENTRAL.formulas, equal_meets_strict=meets))
    scored = rules.score_outcome(ind, Outcome(actual=ind.target), policy)
    assert scored.achieved is meets
    assert scored.exact == ind.weight
    subject = Subject("project", "p", "项目", (Line(ind, Outcome(actual=ind.target)),), None)
    findings: list = []
    score_subject(subject, policy, findings)
    assert ("reason-missing" in {f.code for f in findings}) is not meets


@given(quantitative_indicators([Comparator.AT_LEAST]), amounts("0", "1"))
def test_shortfall_is_proportional(ind, fraction):
    """10号: B < A scores w × B/A."""
    actual = ind.target * fraction
    assume(actual < ind.target)
    scored = rules.score_outcome(ind, Outcome(actual=actual), CENTRAL)
    assert abs(scored.exact - ind.weight * actual / ind.target) < Decimal("1e-20")


@given(subjects(), policies())
def test_subject_total_is_the_sum_of_its_rounded_lines(subject, policy):
    policy = attrs.evolve(policy, rounding=attrs.evolve(policy.rounding, stage="indicator"))
    result = score_subject(subject, policy, [])
    parts = [(r.score, r.line.indicator.weight) for r in result.lines if r.counted]
    parts += [(result.budget.score, result.budget.scored.points)] if result.budget else []
    assert result.earned == sum((p for p, _ in parts), Decimal(0))
    for part, points in parts:
        rounded = round_to(part, policy.rounding.decimals, policy.rounding.mode)
        # Rounded as the policy says, except where that would lift the row above its points.
        assert part <= points and (part == rounded or (part == points and rounded > points))


@given(subjects(), policies(), st.randoms(use_true_random=False))
def test_indicator_order_changes_nothing(subject, policy, rnd):
    shuffled_lines = list(subject.lines)
    rnd.shuffle(shuffled_lines)
    shuffled = attrs.evolve(subject, lines=tuple(shuffled_lines))
    found_a, found_b = [], []
    a = score_subject(subject, policy, found_a)
    b = score_subject(shuffled, policy, found_b)
    assert (a.earned, a.possible, a.score, a.grade) == (b.earned, b.possible, b.score, b.grade)
    assert sorted(map(repr, found_a)) == sorted(map(repr, found_b))


@given(subjects(budget=False), st.integers(2, 10), policies())
def test_scaling_every_weight_keeps_the_hundred_point_score(subject, k, policy):
    if policy.overachievement.mode == "fixed":  # a fixed deduction is points, not a share of them
        policy = attrs.evolve(policy, overachievement=CENTRAL.overachievement)
    scaled = attrs.evolve(subject, lines=tuple(
        attrs.evolve(line, indicator=attrs.evolve(line.indicator, weight=line.indicator.weight * k)) for line in subject.lines
    ))
    a = score_subject(subject, policy, [])
    b = score_subject(scaled, policy, [])
    unit = Decimal(1).scaleb(-policy.rounding.decimals)
    # Each rounded line may move by one unit; the final rounding adds one more.
    n = len(subject.lines) if policy.rounding.stage == "indicator" else 0
    bound = unit * n * 100 / a.possible + unit * 2
    assert abs(a.score - b.score) <= bound


@given(amounts("0", "100", 4), amounts("0", "100", 4))
def test_grade_is_monotone_in_the_score(s1, s2):
    low, high = sorted((s1, s2))
    order = [b.label for b in sorted(CENTRAL.grades.bands, key=lambda b: b.min)]
    assert order.index(rules.grade(low, CENTRAL)) <= order.index(rules.grade(high, CENTRAL))


def test_grade_band_edges_are_inclusive():
    assert rules.grade(Decimal("89.99"), CENTRAL) == "良"
    assert rules.grade(Decimal("90.00"), CENTRAL) == "优"
    assert rules.grade(Decimal("80"), CENTRAL) == "良"
    assert rules.grade(Decimal("79.99"), CENTRAL) == "中"
    assert rules.grade(Decimal("60"), CENTRAL) == "中"
    assert rules.grade(Decimal("59.99"), CENTRAL) == "差"


def test_rounding_is_half_up_by_default():
    assert rules.rounded(Decimal("8.615"), CENTRAL) == Decimal("8.62")
    assert rules.rounded(Decimal("8.625"), CENTRAL) == Decimal("8.63")
    down = attrs.evolve(CENTRAL, rounding=attrs.evolve(CENTRAL.rounding, mode="down"))
    assert rules.rounded(Decimal("8.619"), down) == Decimal("8.61")


@given(amounts("1", "1000000"), amounts("0", "2000000"), amounts("0", "30", 1))
def test_budget_line_is_proportional_and_capped(full_year, executed, points):
    from scoring.model import Budget

    scored = rules.budget_execution(Budget(full_year=full_year, executed=executed), points, CENTRAL)
    assert Decimal(0) <= scored.exact <= points
    if executed <= full_year:
        assert abs(scored.exact - points * executed / full_year) < Decimal("1e-20")


def test_shortfall_formula_shows_its_numbers():
    from scoring.model import Indicator

    ind = Indicator("x", "产出指标", "数量", Comparator.AT_LEAST, Decimal(3), target=Decimal(5), unit="个")
    scored = rules.score_outcome(ind, Outcome(actual=Decimal(3)), CENTRAL)
    assert scored.formula.word("zh") == scored.formula.word("en") == "B/A × w = 3/5 × 3 = 1.80"


def test_at_most_uses_the_inverse_ratio_and_linear_on_request():
    from scoring.model import Indicator

    ind = Indicator("x", "产出指标", "成本", Comparator.AT_MOST, Decimal(10), target=Decimal(80), unit="万元")
    assert rules.score_outcome(ind, Outcome(actual=Decimal(100)), CENTRAL).exact == Decimal(8)
    linear = attrs.evolve(CENTRAL, formulas=attrs.evolve(CENTRAL.formulas, at_most="linear"))
    assert rules.score_outcome(ind, Outcome(actual=Decimal(100)), linear).exact == Decimal("7.5")
    zero = attrs.evolve(ind, target=Decimal(0))
    assert rules.score_outcome(zero, Outcome(actual=Decimal(0)), CENTRAL).exact == Decimal(10)
    assert rules.score_outcome(zero, Outcome(actual=Decimal(1)), CENTRAL).exact == Decimal(0)


def test_qualitative_grades_follow_the_scale():
    from scoring.model import Indicator

    ind = Indicator("q", "效益指标", "定性", Comparator.QUALITATIVE, Decimal(5), target_text="优良中低差")
    got = {g: rules.score_outcome(ind, Outcome(grade=g), CENTRAL).exact for g in "优良中低差"}
    assert got == {"优": 5, "良": 4, "中": 3, "低": 2, "差": 1}
    at_good = attrs.evolve(ind, target_text="良")
    assert rules.score_outcome(at_good, Outcome(grade="良"), CENTRAL).exact == 5
    assert rules.score_outcome(at_good, Outcome(achieved_word="完成"), CENTRAL).exact == 5


@given(subjects(), policies())
def test_no_row_above_its_points_no_table_above_100_under_any_policy(subject, policy):
    """Whatever the rounding mode, deduction or cap: a met 12.5-point row is 12.5 or 12, never 13."""
    result = score_subject(subject, policy, [])
    for r in result.lines:
        assert r.score <= r.line.indicator.weight
    if result.budget:
        assert result.budget.score <= result.budget.scored.points
    assert Decimal(0) <= result.score <= 100
    assert result.earned <= result.possible


@given(subjects(budget=True), policies())
def test_a_cap_holds_the_total_where_the_rate_falls_under_it(subject, policy):
    result = score_subject(subject, policy, [])
    if result.budget is None:  # a policy whose budget line is worth 0 points scores none: no rate to cap by
        assert (subject.budget_points if subject.budget_points is not None else policy.budget.points) == 0
        return
    cap = policy.budget.cap(result.budget.scored.rate) if result.budget.scored.rule != "budget.unscorable" else None
    if cap is not None:
        assert result.score <= cap.at_most
    uncapped = score_subject(subject, attrs.evolve(policy, budget=attrs.evolve(policy.budget, caps=())), [])
    assert result.score <= uncapped.score  # a cap only ever takes away


@given(st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.decimals(min_value=-10**6, max_value=10**6, places=4)
       | st.builds(lambda d, e: d.scaleb(e), st.decimals(-999, 999, places=0), st.integers(-70, 70)))
def test_plain_is_the_value_without_exponent_or_trailing_zeros(value):
    """Every figure a report shows goes through :func:`plain`: the same number, written out."""
    text = plain(value)
    assert Decimal(text) == value
    if abs(value.adjusted()) > PLAIN_DIGITS:  # 1E+400 is named, not written out
        assert text == str(value)
        return
    assert "E" not in text and not text.endswith(".")
    assert "." not in text or not text.endswith("0")
    assert text.lstrip("-") == "0" or not text.lstrip("-").startswith("00")


@given(st.decimals(min_value=-10**14, max_value=10**14, places=None, allow_nan=False, allow_infinity=False)
       | st.builds(lambda d, e: d.scaleb(e), st.decimals(-999, 999, places=0), st.integers(-40, 11)),
       st.integers(0, 10), st.sampled_from(["half_up", "down"]))
def test_fixed_writes_exactly_its_places(value, decimals, mode):
    """A score as printed: rounded to ``decimals`` places (half up, or as ``mode`` says), every one
    written, no exponent."""
    text = fixed(value, decimals, mode) if mode != "half_up" else fixed(value, decimals)
    assert Decimal(text) == round_to(value, decimals, mode)
    assert "E" not in text and "e" not in text
    assert len(text.partition(".")[2]) == decimals


def test_rounding_never_lifts_a_capped_total_above_its_cap(tmp_path):
    """A cap of 59.5 under whole points: the project is held at 59.5 (差), not rounded up to 60 (中), and so
    is the department that has only it; every output shows 59.5."""
    import io
    import json

    from scoring import score_file
    from scoring.report import render_result

    (tmp_path / "p.toml").write_text('id = "capped-whole"\ntitle = "封顶"\nextends = "central-2020-whole"\n'
                                     '[budget]\ncaps = [{ below = 0.6, at_most = 59.5 }]\n', encoding="utf-8")
    (tmp_path / "e.toml").write_text('department = "某局"\nyear = 2023\npolicy = "p.toml"\n[[project]]\nname = "P"\n'
                                     'budget = { full_year = 100, executed = 50 }\n[[project.indicator]]\nname = "数量"\n'
                                     'level1 = "产出指标"\ntarget = "≥10个"\nactual = "10个"\nweight = 90\n', encoding="utf-8")
    result = score_file(tmp_path / "e.toml")
    (project,) = result.projects
    assert project.score == result.score == Decimal("59.5") and project.grade == result.grade == "差"
    out = io.StringIO()
    render_result(result, "json", out, "zh")
    data = json.loads(out.getvalue())
    assert data["score"] == data["projects"][0]["score"] == "59.5"
    assert "min(·, 59.5) = 59.5" in data["projects"][0]["formula"]
