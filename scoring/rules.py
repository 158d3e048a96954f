"""The scoring rules, one function each (财预〔2020〕10号 and the policy's knobs).

Notation as in the rules: A = 指标值 (target), B = 实际完成值 (actual),
w = 分值 (points), r = 完成比例 (completion ratio). Every function returns a
:class:`Scored`: the exact score (never above w), the formula with its
numbers filled in, and which rule and knob produced it. Rounding happens in
:func:`rounded` only.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from .model import Budget, Comparator, Indicator, Outcome
from .numbers import ONE, ZERO, divide, fixed, multiply, plain, round_to
from .policy import Level, Policy


@frozen
class Scored:
    """A score with its trace."""

    exact: Decimal
    formula: str
    rule: str
    inputs: dict[str, str]
    achieved: bool
    """Fully achieved: no shortfall to explain."""
    knob: str | None = None
    """The policy knob the rule read (``formulas.at_most``), if any."""
    ratio: Decimal | None = None
    """B/A (or r) for the over-achievement check."""
    capped: bool = False
    """The raw formula gave more than w, and the score was held at w."""


def rounded(value: Decimal, policy: Policy) -> Decimal:
    """A score rounded as the policy says (decimals and mode)."""
    return round_to(value, policy.rounding.decimals, policy.rounding.mode)


def grade(score: Decimal, policy: Policy) -> str:
    """The grade band a (100-point) score falls in; each lower bound is inclusive."""
    return policy.grades.grade(score)


def _show(value: Decimal, policy: Policy) -> str:
    return fixed(rounded(value, policy), policy.rounding.decimals)


def _full(ind: Indicator, policy: Policy, condition: str, rule: str, inputs: dict, ratio=None, knob=None) -> Scored:
    w = ind.weight
    return Scored(w, f"{condition} → w = {_show(w, policy)}", rule, inputs, True, knob, ratio)


def _overachieved(ratio: Decimal | None, policy: Policy) -> bool:
    return ratio is not None and ratio - ONE > policy.overachievement.threshold


def _deduct_overachievement(scored: Scored, ind: Indicator, policy: Policy) -> Scored:
    """10号 allows a 'moderate' deduction for a target set too low; only when the policy says how."""
    rule = policy.overachievement
    if rule.mode != "deduct" or not _overachieved(scored.ratio, policy):
        return scored
    excess = scored.ratio - ONE - rule.threshold
    fraction = max(rule.floor, ONE - multiply(rule.slope, excess))
    exact = multiply(ind.weight, fraction)
    formula = (
        f"max({plain(rule.floor)}, 1 − {plain(rule.slope)} × ({plain(scored.ratio)} − 1 − {plain(rule.threshold)})) × w"
        f" = {plain(round_to(fraction, 4))} × {plain(ind.weight)} = {_show(exact, policy)}"
    )
    return Scored(exact, formula, "overachievement.deduct", scored.inputs, True, "overachievement", scored.ratio)


def at_least(ind: Indicator, b: Decimal, policy: Policy) -> Scored:
    """≥ and >: B ≥ A earns w; below, w × B/A."""
    a, w = ind.target, ind.weight
    inputs = {"A": plain(a), "B": plain(b), "w": plain(w)}
    sign = ind.comparator.value
    meets = b > a or (b == a and (not ind.comparator.is_strict or policy.formulas.equal_meets_strict))
    ratio = divide(b, a) if a > 0 else None
    if a == 0 and b >= 0:
        return _full(ind, policy, f"B {sign} A ({plain(b)} {sign} 0)", "at_least", inputs)
    if meets:
        return _full(ind, policy, f"B {sign} A ({plain(b)} {sign} {plain(a)})", "at_least", inputs, ratio)
    exact = multiply(w, max(ratio, ZERO))
    return Scored(exact, f"B/A × w = {plain(b)}/{plain(a)} × {plain(w)} = {_show(exact, policy)}", "at_least", inputs, False, None, ratio)


def at_most(ind: Indicator, b: Decimal, policy: Policy) -> Scored:
    """≤ and <: B ≤ A earns w; above, w × A/B (inverse) or w × (1 − (B−A)/A) (linear)."""
    a, w = ind.target, ind.weight
    inputs = {"A": plain(a), "B": plain(b), "w": plain(w)}
    sign = ind.comparator.value
    meets = b < a or (b == a and (not ind.comparator.is_strict or policy.formulas.equal_meets_strict))
    if meets:
        return _full(ind, policy, f"B {sign} A ({plain(b)} {sign} {plain(a)})", "at_most", inputs)
    if a == 0:
        return Scored(ZERO, f"A = 0, B = {plain(b)} > 0 → 0", "at_most.zero_target", inputs, False)
    knob = "formulas.at_most"
    if policy.formulas.at_most == "linear":
        fraction = max(ZERO, ONE - divide(b - a, a))
        exact = multiply(w, fraction)
        formula = f"(1 − (B−A)/A) × w = (1 − ({plain(b)}−{plain(a)})/{plain(a)}) × {plain(w)} = {_show(exact, policy)}"
        return Scored(exact, formula, "at_most.linear", inputs, False, knob)
    exact = multiply(w, divide(a, b))
    return Scored(exact, f"A/B × w = {plain(a)}/{plain(b)} × {plain(w)} = {_show(exact, policy)}", "at_most.inverse", inputs, False, knob)


def equal(ind: Indicator, b: Decimal, policy: Policy) -> Scored:
    """=: B = A earns w; otherwise w × min(A,B)/max(A,B), or as ≥ where the policy says."""
    a, w = ind.target, ind.weight
    knob = "formulas.equal"
    if policy.formulas.equal == "at_least":
        scored = at_least(ind, b, policy)
        return Scored(scored.exact, scored.formula, "equal.at_least", scored.inputs, scored.achieved, knob, scored.ratio)
    inputs = {"A": plain(a), "B": plain(b), "w": plain(w)}
    if b == a:
        return _full(ind, policy, f"B = A ({plain(b)} = {plain(a)})", "equal.ratio", inputs, knob=knob)
    low, high = min(a, b), max(a, b)
    exact = multiply(w, divide(max(low, ZERO), high))
    formula = f"min(A,B)/max(A,B) × w = {plain(low)}/{plain(high)} × {plain(w)} = {_show(exact, policy)}"
    return Scored(exact, formula, "equal.ratio", inputs, False, knob)


def completion_rate(ind: Indicator, r: Decimal, policy: Policy) -> Scored:
    """A completion ratio given directly (the seed's 完成值): w × min(r, 1)."""
    w = ind.weight
    inputs = {"r": plain(r), "w": plain(w)}
    if r >= ONE:
        condition = f"r ≥ 1 ({plain(r)})"
        return Scored(w, f"{condition} → w = {_show(w, policy)}", "rate", inputs, True, None, r, capped=r > ONE)
    exact = multiply(w, r)
    return Scored(exact, f"r × w = {plain(r)} × {plain(w)} = {_show(exact, policy)}", "rate", inputs, False, None, r)


def qualitative(ind: Indicator, out: Outcome, policy: Policy) -> Scored:
    """定性: a grade of the indicator's scale, or a word that means achieved (full marks)."""
    w = ind.weight
    if out.achieved_word is not None:
        inputs = {"B": out.achieved_word, "w": plain(w)}
        return _full(ind, policy, f"B = {out.achieved_word}", "qualitative.achieved", inputs, knob="qualitative.achieved_words")
    scale = policy.qualitative.scale(ind.scale)
    level = scale.level(out.grade)
    inputs = {"B": out.grade, "w": plain(w), "scale": scale.name}
    knob = "qualitative.scales"
    target_level = scale.level(ind.target_text or "")
    if target_level is not None and scale.rank(out.grade) <= scale.rank(target_level.label):
        return _full(ind, policy, f"B ≥ A ({out.grade} ≥ {target_level.label})", "qualitative.grade", inputs, knob=knob)
    if level.fraction is not None:
        exact = multiply(w, level.fraction)
        achieved = level.fraction >= ONE
        formula = f"{out.grade} = {plain(level.fraction)} × w = {plain(level.fraction)} × {plain(w)} = {_show(exact, policy)}"
        return Scored(exact, formula, "qualitative.grade", inputs, achieved, knob)
    return _banded(ind, out, level, policy, inputs)


def _banded(ind: Indicator, out: Outcome, level: Level, policy: Policy, inputs: dict) -> Scored:
    """A tier with a score band (10号's three tiers): the claimed score if inside the band, else the nearest edge."""
    w = ind.weight
    low, high = multiply(w, level.band[0]), multiply(w, level.band[1])
    band = f"[{plain(level.band[0])}, {plain(level.band[1])}] × w = [{_show(low, policy)}, {_show(high, policy)}]"
    if out.claimed is None:
        exact, how = high, "↑"
    else:
        exact = min(max(out.claimed, low), high)
        how = plain(out.claimed)
    formula = f"{out.grade}: {band}, {how} → {_show(exact, policy)}"
    return Scored(exact, formula, "qualitative.band", inputs, level.band[1] >= ONE and exact >= w, "qualitative.scales")


def score_outcome(ind: Indicator, out: Outcome, policy: Policy) -> Scored:
    """The rule that applies to this row, with the over-achievement deduction where the policy asks for it."""
    if out.missing:
        return Scored(ZERO, "未填报或与批复指标不符 → 0", "missing", {"w": plain(ind.weight)}, False)
    if out.rate is not None:
        scored = completion_rate(ind, out.rate, policy)
    elif ind.qualitative:
        return qualitative(ind, out, policy)
    elif ind.comparator.higher_is_better:
        scored = at_least(ind, out.actual, policy)
    elif ind.comparator.lower_is_better:
        scored = at_most(ind, out.actual, policy)
    else:
        scored = equal(ind, out.actual, policy)
    return _deduct_overachievement(scored, ind, policy)


def is_overachieved(scored: Scored, ind: Indicator, policy: Policy) -> bool:
    """Far above a ≥ target (B/A − 1 above the threshold): 10号 asks for the cause."""
    higher = ind.comparator.higher_is_better or (ind.comparator is Comparator.EQUAL and policy.formulas.equal == "at_least")
    return (higher or scored.rule == "rate") and _overachieved(scored.ratio, policy)


@frozen
class BudgetScored:
    rate: Decimal
    points: Decimal
    exact: Decimal
    formula: str
    rule: str
    denominator: str


_DENOMINATOR_NAMES = {"full_year": "全年预算数", "initial": "年初预算数", "received": "实际到位资金"}


def budget_execution(budget: Budget, points: Decimal, policy: Policy) -> BudgetScored:
    """预算执行率 = 执行数 / 预算数 (the policy's denominator); points × min(rate, 1), or the step table."""
    key = policy.budget.denominator
    denominator = getattr(budget, key)
    rate = divide(budget.executed, denominator)
    shown = f"{plain(budget.executed)}/{plain(denominator)}"
    if policy.budget.method == "steps":
        fraction = next((s.fraction for s in sorted(policy.budget.steps, key=lambda s: s.min_rate, reverse=True) if rate >= s.min_rate), ZERO)
        exact = multiply(points, fraction)
        formula = f"E/F = {shown} = {plain(round_to(rate, 4))} → {plain(fraction)} × {plain(points)} = {_show(exact, policy)}"
        return BudgetScored(rate, points, exact, formula, "budget.steps", key)
    exact = multiply(points, min(rate, ONE))
    formula = f"min(E/F, 1) × p = min({shown}, 1) × {plain(points)} = {_show(exact, policy)}"
    return BudgetScored(rate, points, exact, formula, "budget.linear", key)


def hundred_point(earned: Decimal, possible: Decimal) -> Decimal:
    """The score on a 100-point scale, exact: earned / possible × 100."""
    return divide(earned * 100, possible) if possible else ZERO
