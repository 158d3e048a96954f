"""The scoring rules, one function each (财预〔2020〕10号 and the policy's knobs).

Notation as in the rules: A = 指标值 (target), B = 实际完成值 (actual),
w = 分值 (points), r = 完成比例 (completion ratio). Every function returns a
:class:`Scored`: the exact score (never above w), the formula with its
numbers filled in (worded by :mod:`scoring.wording`), and which rule and
knob produced it. The quantitative
rules work on plain values first (``at_least_value`` and its kin): the exact
score and what explains it, with the formula left as a template, so a row
with nothing to say is scored without a trace and the arithmetic exists once.
Rounding happens in :func:`rounded` only.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from attrs import frozen

from . import wording as F
from .i18n import Text
from .model import Budget, Comparator, Indicator, Outcome
from .numbers import ONE, ZERO, divide, multiply, plain, round_to
from .policy import Level, Policy, Rounding


class Rule(StrEnum):
    """Which rule scored a line; a report explains each (``score --explain``)."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    AT_MOST_ZERO_TARGET = "at_most.zero_target"
    AT_MOST_LINEAR = "at_most.linear"
    AT_MOST_INVERSE = "at_most.inverse"
    EQUAL_RATIO = "equal.ratio"
    EQUAL_AT_LEAST = "equal.at_least"
    RATE = "rate"
    QUALITATIVE_GRADE = "qualitative.grade"
    QUALITATIVE_ACHIEVED = "qualitative.achieved"
    QUALITATIVE_BAND = "qualitative.band"
    QUALITATIVE_JUDGED = "qualitative.judged"
    OVERACHIEVEMENT_DEDUCT = "overachievement.deduct"
    OVERACHIEVEMENT_FIXED = "overachievement.fixed"
    MISSING = "missing"
    NOT_APPLICABLE_ZERO = "not_applicable.zero"
    BUDGET_LINEAR = "budget.linear"
    BUDGET_STEPS = "budget.steps"
    BUDGET_UNSCORABLE = "budget.unscorable"


_INPUTS = ("A", "B", "w", "r", "f", "scale", "lo", "hi", "claimed")


@frozen(slots=False, repr=False)  # one per row: a dict-backed frozen class is built twice as fast
class Scored:
    """A score with its trace. The formula is written out only when asked for:
    a batch of many thousand rows needs the numbers, rarely the sentences."""

    exact: Decimal
    rule: Rule
    template: Text
    """The formula (:mod:`scoring.wording`) with ``{A}``, ``{B}``, ``{w}``, … for the values and ``{s}`` for the rounded score."""
    values: dict
    achieved: bool
    """Fully achieved: no shortfall to explain."""
    rounding: Rounding
    """The policy's rounding, which the formula's score is written with."""
    knob: str | None = None
    """The policy knob the rule read (``formulas.at_most``), if any."""
    ratio: Decimal | None = None
    """B/A (or r) for the over-achievement check."""
    capped: bool = False
    """The raw formula gave more than w, and the score was held at w."""

    @property
    def formula(self) -> Text:
        """The formula with its numbers, worded when shown: ``B/A × w = 3/5 × 3 = 1.80``."""
        shown = {k: plain(v) if isinstance(v, Decimal) else v for k, v in self.values.items()}
        shown["s"] = self.rounding.line(self.exact, self.values["w"])  # every row's rule names its points
        return F.filled(self.template, **shown)

    @property
    def inputs(self) -> dict[str, str]:
        """A, B, w (or r, E, F, p): the numbers the rule read, as strings."""
        return {k: plain(v) if isinstance(v, Decimal) else v for k, v in self.values.items() if k in _INPUTS}


def rounded(value: Decimal, policy: Policy) -> Decimal:
    """A score rounded as the policy says (decimals and mode)."""
    return round_to(value, policy.rounding.decimals, policy.rounding.mode)


def grade(score: Decimal, policy: Policy) -> str:
    """The grade band a (100-point) score falls in; each lower bound is inclusive."""
    return policy.grades.grade(score)


def _scored(policy: Policy, exact: Decimal, rule: Rule, template: Text, values: dict, achieved: bool, knob: str | None = None,
            ratio: Decimal | None = None, capped: bool = False) -> Scored:
    return Scored(exact, rule, template, values, achieved, policy.rounding, knob, ratio, capped)


def _full(w: Decimal, policy: Policy, template: Text, rule: Rule, values: dict, ratio: Decimal | None = None,
          knob: str | None = None) -> Scored:
    return _scored(policy, w, rule, template, values, True, knob, ratio)


def _deduct_overachievement(scored: Scored, w: Decimal, policy: Policy) -> Scored:
    """10号 allows a 'moderate' deduction for a target set too low; only when the policy says how:
    by a slope above the threshold, or a fixed number of points (指标偏离)."""
    rule = policy.overachievement
    ratio = scored.ratio
    if rule.mode == "flag" or ratio is None or not rule.exceeded(ratio):
        return scored
    if rule.mode == "fixed":
        exact = max(ZERO, scored.exact - rule.points)
        values = {**scored.values, "ratio": round_to(ratio, 4), "threshold": rule.threshold, "d": rule.points,
                  "op": "≥" if rule.inclusive else ">"}
        return _scored(policy, exact, Rule.OVERACHIEVEMENT_FIXED, F.OVER_FIXED, values, True, "overachievement", ratio)
    excess = ratio - ONE - rule.threshold
    fraction = max(rule.floor, ONE - multiply(rule.slope, excess))
    exact = multiply(w, fraction)
    values = {**scored.values, "floor": rule.floor, "slope": rule.slope, "ratio": ratio,
              "threshold": rule.threshold, "fraction": round_to(fraction, 4)}
    return _scored(policy, exact, Rule.OVERACHIEVEMENT_DEDUCT, F.OVER_DEDUCT, values, True, "overachievement", ratio)


Value = tuple[Decimal, bool, "Decimal | None", Rule, Text]
"""What a rule works out from plain values: the exact score, whether the row is fully achieved,
the ratio the over-achievement check reads, the rule, and the formula's template (filled in only
when a report shows it)."""

_MET, _PROPORTION = F.MET, F.PROPORTION  # bound here: read for every row of a batch


def at_least_value(a: Decimal, b: Decimal, w: Decimal, comparator: Comparator, policy: Policy) -> Value:
    """≥ and >: B ≥ A earns w; below, w × B/A."""
    meets = b > a or (b == a and (not comparator.is_strict or policy.formulas.equal_meets_strict))
    if a == ZERO and b >= ZERO:  # against Decimal zero: half the time of int 0
        return w, True, None, Rule.AT_LEAST, _MET
    if a <= ZERO:  # a negative target is refused on reading; a negative actual against 0 scores nothing
        return ZERO, False, None, Rule.AT_LEAST, F.MISSED_ZERO_TARGET
    ratio = divide(b, a)
    if meets:
        return w, True, ratio, Rule.AT_LEAST, _MET
    return multiply(w, max(ratio, ZERO)), False, ratio, Rule.AT_LEAST, F.AT_LEAST_SHORT


def at_most_value(a: Decimal, b: Decimal, w: Decimal, comparator: Comparator, policy: Policy) -> Value:
    """≤ and <: B ≤ A earns w; above, w × A/B (inverse) or w × (1 − (B−A)/A) (linear)."""
    meets = b < a or (b == a and (not comparator.is_strict or policy.formulas.equal_meets_strict))
    if meets:
        return w, True, None, Rule.AT_MOST, _MET
    if a == ZERO:
        return ZERO, False, None, Rule.AT_MOST_ZERO_TARGET, F.AT_MOST_ZERO_TARGET
    if policy.formulas.at_most == "linear":
        exact = multiply(w, max(ZERO, ONE - divide(b - a, a)))
        return exact, False, None, Rule.AT_MOST_LINEAR, F.AT_MOST_LINEAR
    return multiply(w, divide(a, b)), False, None, Rule.AT_MOST_INVERSE, F.AT_MOST_INVERSE


def equal_value(a: Decimal, b: Decimal, w: Decimal, comparator: Comparator, policy: Policy) -> Value:
    """=: B = A earns w; otherwise w × min(A,B)/max(A,B), or as ≥ where the policy says."""
    if policy.formulas.equal == "at_least":
        exact, achieved, ratio, _, template = at_least_value(a, b, w, comparator, policy)
        return exact, achieved, ratio, Rule.EQUAL_AT_LEAST, template
    if b == a:
        return w, True, None, Rule.EQUAL_RATIO, F.EQUAL_MET
    low, high = min(a, b), max(a, b)
    if high <= ZERO:  # both at or below zero and unequal: nothing to compare in proportion
        return ZERO, False, None, Rule.EQUAL_RATIO, F.EQUAL_NONE
    return multiply(w, divide(max(low, ZERO), high)), False, None, Rule.EQUAL_RATIO, _PROPORTION


_KNOBS = {Rule.AT_MOST_LINEAR: "formulas.at_most", Rule.AT_MOST_INVERSE: "formulas.at_most", Rule.EQUAL_AT_LEAST: "formulas.equal",
          Rule.EQUAL_RATIO: "formulas.equal"}


VALUE_RULES = {c: at_least_value if c.higher_is_better else at_most_value if c.lower_is_better else equal_value
               for c in Comparator}
"""The rule of each quantitative comparator, on plain values: ``VALUE_RULES[c](a, b, w, c, policy)``."""


def quantitative_value(a: Decimal, b: Decimal, w: Decimal, comparator: Comparator, policy: Policy) -> Value:
    """A quantitative row by its comparator, from plain values (before any over-achievement deduction)."""
    return VALUE_RULES[comparator](a, b, w, comparator, policy)


def _traced(value: Value, a: Decimal, b: Decimal, w: Decimal, comparator: Comparator, policy: Policy) -> Scored:
    """A quantitative rule's value with its trace: the numbers its template names, and the knob it read."""
    exact, achieved, ratio, rule, template = value
    values: dict = {"A": a, "B": b, "w": w}
    if rule is Rule.EQUAL_RATIO:
        if template is _PROPORTION:
            values.update(low=min(a, b), high=max(a, b))
    else:
        values["sign"] = comparator.value
    return _scored(policy, exact, rule, template, values, achieved, _KNOBS.get(rule), ratio)


def completion_rate(r: Decimal, w: Decimal, policy: Policy) -> Scored:
    """A completion ratio given directly (the seed's 完成值): w × min(r, 1)."""
    values = {"r": r, "w": w}
    if r >= ONE:
        return _scored(policy, w, Rule.RATE, F.RATE_MET, values, True, None, r, capped=r > ONE)
    return _scored(policy, multiply(w, r), Rule.RATE, F.RATE_SHORT, values, False, None, r)


def judged(out: Outcome, w: Decimal, policy: Policy) -> Scored:
    """Words no rule can grade (``完成`` under ``100%``, ``按规定执行``): the department's own score,
    within the row's points, named as such (finding ``qualitative-judged``)."""
    values = {"B": out.written, "w": w, "claimed": out.claimed}
    claimed = out.claimed if out.claimed is not None else ZERO
    return _scored(policy, min(claimed, w), Rule.QUALITATIVE_JUDGED, F.JUDGED, values, claimed >= w, "qualitative.achieved_words")


def qualitative(ind: Indicator, out: Outcome, policy: Policy) -> Scored:
    """定性: a grade of the indicator's scale, or a word that means achieved (full marks)."""
    w = ind.weight
    if out.judged and out.claimed is not None:
        return judged(out, w, policy)
    if out.achieved_word is not None:
        values = {"B": out.achieved_word, "w": w}
        return _full(w, policy, F.ACHIEVED_WORD, Rule.QUALITATIVE_ACHIEVED, values, knob="qualitative.achieved_words")
    scale = policy.qualitative.scale(ind.scale)
    level = scale.level(out.grade) if scale is not None and out.grade is not None else None
    if scale is None or level is None or out.grade is None:  # the loader lets no such row through
        raise ValueError(f"a qualitative row with no grade of its scale: {ind.id}")
    values = {"B": out.grade, "w": w, "scale": scale.name}
    knob = "qualitative.scales"
    target_level = scale.level(ind.target_text or "")
    if target_level is not None and scale.rank(out.grade) <= scale.rank(target_level.label):
        values["A"] = target_level.label
        return _full(w, policy, F.GRADE_MET, Rule.QUALITATIVE_GRADE, values, knob=knob)
    if level.fraction is not None:
        values["f"] = level.fraction
        exact = multiply(w, level.fraction)
        return _scored(policy, exact, Rule.QUALITATIVE_GRADE, F.GRADE_FRACTION, values, level.fraction >= ONE, knob)
    return _banded(w, out.claimed, level, policy, values)


def _banded(w: Decimal, claimed: Decimal | None, level: Level, policy: Policy, values: dict) -> Scored:
    """A tier with a score band (10号's three tiers): the claimed score if inside the band, else the nearest edge."""
    band = level.band or (ZERO, ONE)
    low, high = multiply(w, band[0]), multiply(w, band[1])
    exact = high if claimed is None else min(max(claimed, low), high)
    values = {**values, "lo": band[0], "hi": band[1], "low": rounded(low, policy), "high": rounded(high, policy),
              "how": "↑" if claimed is None else claimed}
    if claimed is not None:
        values["claimed"] = claimed
    return _scored(policy, exact, Rule.QUALITATIVE_BAND, F.GRADE_BAND, values, band[1] >= ONE and exact >= w, "qualitative.scales")


def score_outcome(ind: Indicator, out: Outcome, policy: Policy) -> Scored:
    """The rule that applies to this row, with the over-achievement deduction where the policy asks for it."""
    w = ind.weight
    if out.missing:
        return _scored(policy, ZERO, Rule.MISSING, F.MISSING, {"w": w}, False)
    if out.judged and out.claimed is not None:
        return judged(out, w, policy)
    if out.rate is not None:
        scored = completion_rate(out.rate, w, policy)
    elif ind.qualitative or (ind.deadline and out.actual is None):  # a deadline given a grade or a word (完成): as 定性
        return qualitative(ind, out, policy)
    elif ind.target is None or out.actual is None:  # the loader lets no such row through
        raise ValueError(f"a quantitative row with no target or actual: {ind.id}")
    else:
        value = quantitative_value(ind.target, out.actual, w, ind.comparator, policy)
        scored = _traced(value, ind.target, out.actual, w, ind.comparator, policy)
    return _deduct_overachievement(scored, w, policy)


def readings(ind: Indicator, out: Outcome) -> tuple[Text, ...]:
    """How a deadline target and a dated actual were read, for the trace: ``9月前 → ≤ 9月``,
    ``2024年3月 → 第15月`` (months counted from January of the table's year)."""
    read: list[Text] = []
    if ind.deadline and ind.target is not None:
        read.append(F.filled(F.READ_DEADLINE, written=ind.written, sign=ind.comparator.value, n=plain(ind.target)))
    if out.dated and out.actual is not None:
        read.append(F.filled(F.READ_MONTH, written=out.written, n=plain(out.actual)))
    return tuple(read)


def not_applicable_zero(ind: Indicator, policy: Policy) -> Scored:
    """A row not applicable this year, where the policy counts it as 0 rather than dropping it."""
    return _scored(policy, ZERO, Rule.NOT_APPLICABLE_ZERO, F.NOT_APPLICABLE, {"w": ind.weight}, True, "not_applicable.mode")


def is_overachieved(scored: Scored, ind: Indicator, policy: Policy) -> bool:
    """Far above a ≥ target (B/A − 1 above the threshold): 10号 asks for the cause."""
    higher = ind.comparator.higher_is_better or (ind.comparator is Comparator.EQUAL and policy.formulas.equal == "at_least")
    return (higher or scored.rule == Rule.RATE) and policy.overachievement.exceeded(scored.ratio)


@frozen(repr=False)
class BudgetScored:
    rate: Decimal
    points: Decimal
    exact: Decimal
    formula: Text
    rule: Rule
    denominator: str
    """The figure the rate divides by: the policy's, or the one used in its place."""
    fallback: str | None = None
    """Why the policy's denominator was not used (``missing``, ``zero``), if it was not."""


DENOMINATORS = ("full_year", "initial", "received")


def budget_execution(budget: Budget, points: Decimal, policy: Policy) -> BudgetScored:
    """预算执行率 = 执行数 / 预算数 (the policy's denominator); points × min(rate, 1), or the step table.

    A table that leaves the policy's denominator empty or at 0 is scored from the next figure it
    gives (全年预算数, 年初预算数, 实际到位资金); with none, or with no 执行数, the line scores 0."""
    key: str = policy.budget.denominator
    fallback = None
    if not getattr(budget, key):
        fallback = "zero" if getattr(budget, key) == 0 else "missing"
        key = next((k for k in DENOMINATORS if getattr(budget, k)), key)
    denominator = getattr(budget, key)
    if not denominator or budget.executed is None:
        fallback = fallback or "missing"
        formula = F.filled(F.BUDGET_UNSCORABLE, E=_or_dash(budget.executed), F=_or_dash(denominator))
        return BudgetScored(ZERO, points, ZERO, formula, Rule.BUDGET_UNSCORABLE, key, fallback)
    rate = divide(budget.executed, denominator)
    e, f = plain(budget.executed), plain(denominator)
    if policy.budget.method == "steps":
        fraction = next((s.fraction for s in sorted(policy.budget.steps, key=lambda s: s.min_rate, reverse=True) if rate >= s.min_rate), ZERO)
        exact = multiply(points, fraction)
        formula = F.filled(F.BUDGET_STEPS, E=e, F=f, rate=plain(round_to(rate, 4)), fraction=plain(fraction), p=plain(points),
                           s=policy.rounding.line(exact, points))
        return BudgetScored(rate, points, exact, formula, Rule.BUDGET_STEPS, key, fallback)
    exact = multiply(points, min(rate, ONE))
    formula = F.filled(F.BUDGET_LINEAR, E=e, F=f, p=plain(points), s=policy.rounding.line(exact, points))
    return BudgetScored(rate, points, exact, formula, Rule.BUDGET_LINEAR, key, fallback)


def _or_dash(value: Decimal | None) -> str:
    return "—" if value is None else plain(value)


def hundred_point(earned: Decimal, possible: Decimal) -> Decimal:
    """The score on a 100-point scale, exact: earned / possible × 100."""
    return divide(earned * 100, possible) if possible else ZERO
