"""Subjects → scores → the department's result, with findings.

Reads the model and the policy, applies :mod:`scoring.rules` row by row,
rounds where the policy says, totals each subject, rolls the department up
and compares every claimed value. Pure: no I/O.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal

import attrs
from attrs import field, frozen

from . import rules
from . import wording as F
from .approved import against_approved
from .findings import Finding, FindingCode, Kind, Level, say, severity_rank, why
from .i18n import Text, Words, join
from .model import Change, Claim, Evaluation, Line, RowPoints, Subject
from .numbers import ZERO, cents, divide, fixed, held, kept, percent, plain, rounder, total
from .policy import Policy
from .rules import BudgetScored, Rule, Scored


@frozen(slots=False, repr=False)  # one per row: a dict-backed frozen class is built twice as fast
class LineResult:
    line: Line
    score: Decimal
    """What the row adds to the total: rounded per line unless the policy rounds the total only."""
    policy: Policy | None = field(eq=False, repr=False)
    """The policy it was scored by; None for a row dropped as not applicable."""
    traced: Scored | None = field(default=None, eq=False, repr=False)
    """The score's trace, when scoring the row needed it; otherwise it is worked out when asked for."""

    @property
    def counted(self) -> bool:
        return self.policy is not None

    @functools.cached_property
    def scored(self) -> Scored | None:
        """How the row was scored (the rule, its formula and values); None for a row dropped as not applicable."""
        if self.traced is not None or self.policy is None:
            return self.traced
        return rules.score_outcome(self.line.indicator, self.line.outcome, self.policy)


@frozen(repr=False)
class BudgetResult:
    scored: BudgetScored
    score: Decimal
    claimed: Decimal | None


@frozen(repr=False)
class SubjectResult:
    subject: Subject
    lines: tuple[LineResult, ...]
    budget: BudgetResult | None
    earned: Decimal
    possible: Decimal
    exact: Decimal
    """earned / possible × 100 before rounding."""
    score: Decimal
    grade: str
    formula: Text
    as_submitted: Decimal | None = None
    """The score against the indicators as the department wrote them, when they differ from the approved set."""
    cap: Decimal | None = None
    """The 100-point ceiling the policy's 执行率 caps put on this total, when it was applied."""
    changes: tuple[Change, ...] = ()
    """Differences from the approved indicator set (empty when none was named)."""
    declared: Decimal = ZERO
    """The points the table declares: its rows' and the budget line's, N/A rows included."""
    full: Decimal = Decimal(100)
    """The points a table should hold (the policy's ``total``)."""

    @property
    def complete(self) -> bool:
        return self.declared == self.full


@frozen(repr=False)
class Rollup:
    method: str
    """``overall``, ``budget_weighted`` or ``mean``."""
    formula: Words


@frozen(repr=False)
class EvaluationResult:
    evaluation: Evaluation
    policy: Policy
    overall: SubjectResult | None
    projects: tuple[SubjectResult, ...]
    earned: Decimal
    possible: Decimal
    score: Decimal
    grade: str
    rollup: Rollup
    findings: tuple[Finding, ...]

    @property
    def subjects(self) -> tuple[SubjectResult, ...]:
        return ((self.overall,) if self.overall else ()) + self.projects

    @property
    def claimed_difference(self) -> Decimal | None:
        claim = self.evaluation.claimed
        return claim.score - self.score if claim and claim.score is not None else None

    def worst(self) -> Finding | None:
        return min(self.findings, key=lambda f: severity_rank(f.severity), default=None)


def score_evaluation(ev: Evaluation) -> EvaluationResult:
    """Score every subject and the department, and collect the findings."""
    policy = ev.policy
    findings: list[Finding] = list(ev.notes)
    if policy.impersonates is not None:
        name, original = policy.impersonates
        findings.append(Finding.of(FindingCode.POLICY_MISMATCH, say(FindingCode.POLICY_MISMATCH, id=name, sha=policy.sha256[:12], builtin=original[:12])))
    overall = score_subject(ev.overall, policy, findings) if ev.overall else None
    projects = tuple(score_subject(s, policy, findings) for s in ev.projects)
    if overall is not None and (policy.rollup.use_overall or not projects):
        earned, possible, score = overall.earned, overall.possible, overall.score
        rollup = Rollup("overall", F.filled(F.ROLLUP_OVERALL, score=fixed(score, policy.rounding.decimals)))
    else:
        earned, possible, score, rollup = _roll_up(projects, policy, findings)
    grade = rules.grade(score, policy)
    _compare_claim(ev.claimed, score, grade, policy, findings, None, F.DEPARTMENT, rollup.formula, Level.DEPARTMENT)
    findings.sort(key=lambda f: severity_rank(f.severity))
    return EvaluationResult(ev, policy, overall, projects, earned, possible, score, grade, rollup, tuple(findings))


def score_subject(subject: Subject, policy: Policy, findings: list[Finding]) -> SubjectResult:
    d = policy.rounding.decimals
    per_line = policy.rounding.stage == "indicator"  # rows (and the budget line) rounded, or the total only
    line_score = rounder(policy.rounding.decimals, policy.rounding.mode) if per_line else (lambda exact: exact)
    changes: tuple[Change, ...] = ()
    rows = subject.lines
    if subject.approved is not None:  # 10号: self-evaluation uses the approved targets
        rows, changes = against_approved(subject.lines, subject.approved)
    lines = [_score_line(subject, line, policy, findings, line_score) for line in rows]
    points = subject.budget_points if subject.budget_points is not None else policy.budget.points
    budget = None
    if points > 0 and subject.budget is None:
        findings.append(Finding.of(FindingCode.BUDGET_MISSING, say(FindingCode.BUDGET_MISSING, subject=_name(subject), points=plain(points)), subject.id))
    elif points > 0 and subject.budget is not None:
        scored = rules.budget_execution(subject.budget, points, policy)
        score = min(line_score(scored.exact), points)  # rounding never lifts a line above its points (numbers.held)
        claimed = subject.claimed.budget_score if subject.claimed else None
        budget = BudgetResult(scored, score, claimed)
        if scored.fallback is not None:
            _report_denominator(subject, scored, policy, findings)
        if claimed is not None:
            _compare_number(claimed, scored.exact, policy, findings, subject.id, None,
                            F.filled(F.BUDGET_SCORE, subject=_name(subject)), scored.formula, Level.BUDGET, weight=points)

    counted = [r for r in lines if r.counted]
    earned = total([r.score for r in counted] + ([budget.score] if budget else []))
    possible = total([r.line.indicator.weight for r in counted] + ([budget.scored.points] if budget else []))
    exact = rules.hundred_point(earned, possible)
    formula = F.filled(F.TOTAL, earned=policy.rounding.shown(earned, possible), possible=kept(possible, d),
                       score=fixed(rules.rounded(exact, policy), d))
    rate = budget.scored.rate if budget is not None and budget.scored.rule is not Rule.BUDGET_UNSCORABLE else None
    cap = policy.budget.cap(rate) if rate is not None else None
    if rate is not None and cap is not None and exact > cap.at_most:
        findings.append(Finding.of(FindingCode.BUDGET_CAP, say(FindingCode.BUDGET_CAP, subject=_name(subject), rate=percent(rate), below=percent(cap.below),
                                                     at_most=plain(cap.at_most), v=fixed(exact - cap.at_most, d)), subject.id,
                                   computed=plain(cap.at_most), formula=formula))
        exact = cap.at_most
    else:
        cap = None
    # Rounding never lifts a capped total above its cap, as it never lifts a row above its points.
    score = held(exact, cap.at_most, d, policy.rounding.mode) if cap is not None else rules.rounded(exact, policy)
    if cap is not None:
        formula += F.filled(F.CAPPED, cap=plain(cap.at_most), capped=kept(score, d))
    grade = rules.grade(score, policy)
    as_submitted = None
    if changes:
        as_written = attrs.evolve(subject, approved=None, claimed=None)
        as_submitted = score_subject(as_written, policy, []).score
        _report_changes(subject, changes, as_submitted, score, policy, findings)
    declared = _check_weights(subject, [line.indicator.points for line in rows], points, policy, findings)
    result = SubjectResult(subject, tuple(lines), budget, earned, possible, exact, score, grade, formula, as_submitted,
                           cap.at_most if cap is not None else None, changes, declared, policy.total)
    if subject.claimed is not None:
        _compare_claim(subject.claimed, score, grade, policy, findings, subject.id, _name(subject), formula, Level.PROJECT)
        claims = [r.line.outcome.claimed for r in counted]
        _check_claimed_sum(subject, claims, budget, possible, policy, findings)
    return result


def _report_denominator(subject: Subject, scored: BudgetScored, policy: Policy, findings: list[Finding]) -> None:
    """The rate was not divided by the policy's figure: say which was used instead, or why the line scores 0."""
    wanted = F.FIGURES[policy.budget.denominator]
    if scored.rule is Rule.BUDGET_UNSCORABLE:
        missing = F.FIGURES["executed"] if subject.budget is None or subject.budget.executed is None else wanted
        text = say(FindingCode.BUDGET_DENOMINATOR, "unscorable", subject=_name(subject), missing=missing)
    else:
        text = say(FindingCode.BUDGET_DENOMINATOR, "fallback", subject=_name(subject), wanted=wanted,
                   why=F.FIGURE_IS["zero" if scored.fallback == "zero" else "missing"], used=F.FIGURES[scored.denominator],
                   formula=scored.formula)
    findings.append(Finding.of(FindingCode.BUDGET_DENOMINATOR, text, subject.id, formula=scored.formula))


def _report_changes(subject: Subject, changes: tuple[Change, ...], as_submitted: Decimal, score: Decimal, policy: Policy,
                    findings: list[Finding]) -> None:
    """One target-changed finding per difference from the approved set, each with what it does to the score."""
    d = policy.rounding.decimals
    effect = dict(as_submitted=fixed(as_submitted, d), score=fixed(score, d), v=fixed(as_submitted - score, d))
    for c in changes:
        if c.what == "dropped":
            text = say(FindingCode.TARGET_CHANGED, "dropped", name=c.name, approved=c.approved, **effect)
        elif c.what == "added":
            text = say(FindingCode.TARGET_CHANGED, "added", name=c.name, submitted=c.submitted, **effect)
        else:
            text = say(FindingCode.TARGET_CHANGED, "changed", name=c.name, what=F.CHANGED[c.what], approved=c.approved, submitted=c.submitted, **effect)
        findings.append(Finding.of(FindingCode.TARGET_CHANGED, text, subject.id, c.indicator, claimed=c.submitted, computed=c.approved,
                                   level=Level.ROW, difference=as_submitted - score,
                                   reason=why(Kind.TARGET_CHANGED, difference=plain(as_submitted - score))))


def _check_claimed_sum(subject: Subject, claims: list[Decimal | None], budget: BudgetResult | None, possible: Decimal,
                       policy: Policy, findings: list[Finding]) -> None:
    """A printed total that is neither the sum of the printed row scores (``claims``, of the rows
    counted) nor that sum on a 100-point scale (100 printed while the rows add to 103.2 of 110)."""
    if budget is not None:
        claims = [*claims, budget.claimed]
    claimed_total = subject.claimed.score if subject.claimed else None
    if not claims or claimed_total is None:
        return
    printed_rows = [c for c in claims if c is not None]
    if len(printed_rows) < len(claims):  # a row without a claim: nothing to add up
        return
    added = total(printed_rows)
    printed = rules.rounded(claimed_total, policy)
    if printed not in (rules.rounded(added, policy), rules.rounded(rules.hundred_point(added, possible), policy)):
        findings.append(Finding.of(FindingCode.CLAIMED_MISMATCH, say(FindingCode.CLAIMED_MISMATCH, "sum", subject=_name(subject), added=plain(added),
                                                           score=plain(claimed_total)),
                                   subject.id, claimed=plain(claimed_total), computed=plain(added), formula=F.CLAIMED_SUM,
                                   level=Level.PROJECT, kind=Kind.ARITHMETIC, difference=claimed_total - added,
                                   reason=why(Kind.ARITHMETIC, "claims", added=plain(added), total=plain(claimed_total))))


def _name(subject: Subject) -> Text:
    return F.subject_name(subject.is_overall, subject.name)


def _score_line(subject: Subject, line: Line, policy: Policy, findings: list[Finding], line_score) -> LineResult:
    """One row: its score, and what is worth saying about it. Hot in a batch: sentences are
    written only for rows that have a finding."""
    ind, out = line.indicator, line.outcome
    if ind.comparator_assumed:
        findings.append(_line_finding(FindingCode.COMPARATOR_ASSUMED, subject, line, indicator=_label(ind), comparator=ind.comparator.value))
    if out.not_applicable:
        drop = policy.not_applicable.mode == "drop"
        findings.append(_line_finding(FindingCode.NOT_APPLICABLE, subject, line, "drop" if drop else "zero", indicator=_label(ind)))
        if drop:
            return LineResult(line, ZERO, None)
        return LineResult(line, ZERO, policy, rules.not_applicable_zero(ind, policy))
    quick = _quick(line, policy, line_score)
    if quick is not None:
        return quick
    scored = rules.score_outcome(ind, out, policy)
    # Rounded per row (unless the policy rounds the total only), and never above the row's
    # points: a met 12.5-point row is 12.5 under whole-point rounding, not 13.
    score = min(line_score(scored.exact), ind.weight)
    if ind.target is not None and ind.unit_missing:
        findings.append(_line_finding(FindingCode.UNIT_MISSING, subject, line, indicator=_label(ind), target=plain(ind.target)))
    if out.restates_target and out.actual is not None:
        findings.append(_line_finding(FindingCode.ACTUAL_RESTATES_TARGET, subject, line, indicator=_label(ind), written=out.written,
                                      read=plain(out.actual)))
    elif out.restates_target:
        findings.append(_line_finding(FindingCode.ACTUAL_RESTATES_TARGET, subject, line, "qualitative", indicator=_label(ind)))
    if out.judged and out.claimed is not None:
        findings.append(_line_finding(FindingCode.QUALITATIVE_JUDGED, subject, line, None if ind.qualitative else "numeric",
                                      indicator=_label(ind), written=out.written,
                                      claimed=plain(out.claimed)))
    over = rules.is_overachieved(scored, ind, policy)
    if over and scored.ratio is not None:
        findings.append(_line_finding(FindingCode.OVERACHIEVED, subject, line, indicator=_label(ind), excess=plain(round(scored.ratio - 1, 4)),
                                      threshold=plain(policy.overachievement.threshold)))
    needs_reason = not out.missing and (
        (not scored.achieved and policy.reasons.shortfall) or (over and policy.reasons.overachievement))
    if needs_reason and not out.reason:
        findings.append(_line_finding(FindingCode.REASON_MISSING, subject, line, "shortfall" if not scored.achieved else "over",
                                      indicator=_label(ind), formula=scored.formula))
    if out.claimed is not None:
        marked_down = scored.achieved and out.claimed < ind.weight and not out.reason
        _compare_number(out.claimed, scored.exact, policy, findings, subject.id, ind.id, lambda: _label(ind),
                        lambda: scored.formula, Level.ROW, weight=ind.weight, place=line.place, marked_down=marked_down,
                        reason=out.reason)
    return LineResult(line, score, policy, scored)


def _quick(line: Line, policy: Policy, line_score) -> LineResult | None:
    """A quantitative row with nothing to say (no flag from reading, no over-achievement, no shortfall
    without its reason, a claim that holds): its score from its comparator's rule on plain values
    (:data:`rules.VALUE_RULES`), its trace left to be worked out if a report shows it. None: the row
    is scored the full way, with its findings."""
    ind, out = line.indicator, line.outcome
    a, b = ind.target, out.actual
    if (a is None or b is None or ind.unit is None or ind.comparator_assumed or out.rate is not None or out.restates_target
            or out.missing or out.judged):
        return None
    exact, achieved, ratio, _, _ = rules.VALUE_RULES[ind.comparator](a, b, ind.weight, ind.comparator, policy)
    if policy.overachievement.exceeded(ratio) or (not achieved and policy.reasons.shortfall and not out.reason):
        return None
    if out.claimed is not None and not _claim_holds(out.claimed, exact, policy, ind.weight):
        return None
    return LineResult(line, min(line_score(exact), ind.weight), policy)


def _rolled(exact: Decimal, projects: Sequence[SubjectResult], policy: Policy) -> Decimal:
    """A department's mean of its projects, rounded as the policy says and never above its best project:
    a mean of scores rounded already never is, so this holds only where a project kept more places (a
    total held at a cap of 59.5 under whole points stays 59.5, not 60)."""
    return held(exact, max(p.score for p in projects), policy.rounding.decimals, policy.rounding.mode)


def _label(ind) -> Text:
    return F.filled(F.INDICATOR, name=ind.name)


def _line_finding(code: FindingCode, subject: Subject, line: Line, variant: str | None = None, **params) -> Finding:
    """A finding about one row, worded from the catalogue (:data:`scoring.findings.CATALOGUE`)."""
    return Finding.of(code, say(code, variant, **params), subject.id, line.indicator.id, line.place)


def _compare_number(claimed: Decimal, exact: Decimal, policy: Policy, findings: list[Finding], subject, indicator,
                    what, formula, level: Level, weight: Decimal | None = None, place=None, marked_down: bool = False,
                    reason: str | None = None) -> None:
    """A claim holds when it equals the computed value as the policy rounds it (so a whole-point
    claim under a whole-point policy is no discrepancy). ``what`` and ``formula`` may be callables,
    written out only for a claim that does not hold."""
    if _claim_holds(claimed, exact, policy, weight):
        return
    computed = _computed(exact, policy, weight)
    what = what() if callable(what) else what
    formula = formula() if callable(formula) else formula
    d = policy.rounding.decimals
    extra: Words = ""
    if weight is not None and claimed > weight:
        extra = F.filled(F.ABOVE_POINTS, weight=plain(weight))
    elif marked_down:
        extra = F.MARKED_DOWN_UNSAID
    kind, why = _kind_of_claim(claimed, exact, reason, weight)
    shown, written = kept(computed, d), plain(claimed)
    # A row's message names its indicator (and its fix points to its 偏差原因 cell); a total's names the table.
    message = (say(FindingCode.CLAIMED_MISMATCH, "row", indicator=what, claimed=written, computed=shown, formula=formula, extra=extra)
               if level is Level.ROW else
               say(FindingCode.CLAIMED_MISMATCH, what=what, claimed=written, computed=shown, formula=formula, extra=extra))
    findings.append(Finding.of(FindingCode.CLAIMED_MISMATCH, message, subject, indicator, place, claimed=written, computed=shown, formula=formula,
                               level=level, kind=kind, reason=why, difference=claimed - exact))


def _computed(exact: Decimal, policy: Policy, weight: Decimal | None) -> Decimal:
    """The computed value a claim is held to: rounded as the policy says and, for a line, never above
    its points (13 is no score a 12.5-point row can have, whatever whole-point rounding makes of 12.5)."""
    r = policy.rounding
    return rules.rounded(exact, policy) if weight is None else held(exact, weight, r.decimals, r.mode)


def _claim_holds(claimed: Decimal, exact: Decimal, policy: Policy, weight: Decimal | None) -> bool:
    """A claim holds when it is the exact value, or the computed one at the policy's rounding."""
    if claimed == exact:  # most claims hold to the digit: no rounding needed to see it
        return True
    computed = _computed(exact, policy, weight)
    return claimed == computed or rules.rounded(claimed, policy) == computed


_OTHER_ROUNDINGS = tuple((rounder(decimals, mode), variant) for decimals, mode, variant in (
    (0, "half_up", "whole"), (1, "half_up", "one-decimal"), (0, "down", "truncated")))
"""The roundings published tables use, tried on a claim the policy's own rounding does not explain."""


def _kind_of_claim(claimed: Decimal, exact: Decimal, reason: str | None, weight: Decimal | None = None) -> tuple[Kind, Text]:
    """Rounding, marked down or overclaimed, with a short reason a reviewer can act on. A rounding
    explains a claim only as far as the line's points: 13 for a met 12.5-point row is overclaimed."""
    off = abs(claimed - exact)
    difference = cents(off)
    for rounded_so, variant in _OTHER_ROUNDINGS if off < 1 else ():  # no rounding moves a value by a point
        if (rounded_so(exact) if weight is None else min(rounded_so(exact), weight)) == claimed:
            return Kind.ROUNDING, why(Kind.ROUNDING, variant, difference=difference)
    if claimed > exact:
        return Kind.OVERCLAIMED, why(Kind.OVERCLAIMED, difference=difference)
    if reason:
        return Kind.MARKED_DOWN, why(Kind.MARKED_DOWN, "reasoned", difference=difference, reason=reason)
    return Kind.MARKED_DOWN, why(Kind.MARKED_DOWN, difference=difference)


def _compare_claim(claim: Claim | None, score: Decimal, grade: str, policy: Policy, findings: list[Finding],
                   subject, what: Words, formula: Words | None, level: Level) -> None:
    if claim is None:
        return
    if claim.score is not None:
        _compare_number(claim.score, score, policy, findings, subject, None, what, formula or F.SEE_ROLLUP, level)
    means = policy.grades.means(claim.grade) if claim.grade is not None else None
    if claim.grade is not None and grade not in (means or ()):
        ranks = [b.label for b in sorted(policy.grades.bands, key=lambda b: b.min, reverse=True)]
        above = bool(means) and min(ranks.index(m) for m in means or ()) < ranks.index(grade)
        findings.append(Finding.of(FindingCode.CLAIMED_MISMATCH, say(FindingCode.CLAIMED_MISMATCH, 'grade', what=what, grade=claim.grade, grade2=grade,
                                                           score=fixed(score, policy.rounding.decimals)),
                                   subject, None, level=level, kind=Kind.OVERCLAIMED if above else Kind.MARKED_DOWN,
                                   reason=why(Kind.OVERCLAIMED if above else Kind.MARKED_DOWN, "grade")))


def _check_weights(subject: Subject, rows: Sequence[RowPoints], budget_points: Decimal, policy: Policy,
                   findings: list[Finding]) -> Decimal:
    """10号: points total 100, split 50/30/10/10 "in principle"; a block's ``(N分)`` is its rows' sum.
    Returns the points the table (as scored) declares."""
    declared = total([row[0] for row in rows] + [budget_points])
    printed = subject.claimed.points if subject.claimed else None
    if printed is not None and printed != declared:
        findings.append(Finding.of(FindingCode.WEIGHTS_SUM, say(FindingCode.WEIGHTS_SUM, 'printed', subject=_name(subject), declared=plain(declared), printed=plain(printed)),
                                   subject.id, severity=policy.weights.printed_severity, claimed=plain(printed), computed=plain(declared),
                                   level=Level.PROJECT, kind=Kind.INCOMPLETE if declared != policy.total else Kind.ARITHMETIC,
                                   reason=why(Kind.INCOMPLETE, points=plain(declared), total=plain(policy.total))
                                   if declared != policy.total else why(Kind.ARITHMETIC, "points", declared=plain(declared), printed=plain(printed))))
    elif declared != policy.total:
        findings.append(Finding.of(FindingCode.WEIGHTS_SUM, say(FindingCode.WEIGHTS_SUM, subject=_name(subject), declared=plain(declared), total=plain(policy.total)),
                                   subject.id, severity=policy.weights.severity, level=Level.PROJECT, kind=Kind.INCOMPLETE,
                                   claimed=plain(policy.total), computed=plain(declared),
                                   reason=why(Kind.INCOMPLETE, points=plain(declared), total=plain(policy.total))))
    _check_blocks(subject, rows, policy, findings)
    if policy.split.strictness == "off" or (policy.split.applies_to == "projects" and subject.is_overall):
        return declared
    weights: dict[str, list[Decimal]] = {}
    for weight, level1, _, _, _ in rows:
        weights.setdefault(level1, []).append(weight)
    by_level = {level: total(points) for level, points in weights.items()}
    expected = dict(policy.split.points)
    satisfaction = policy.split.satisfaction
    if satisfaction in expected and satisfaction not in by_level:
        fallback = policy.split.satisfaction_fallback
        nested = any(policy.labels.is_satisfaction(row[3]) for row in rows)
        if not nested:  # 满意度 written as a 二级 under 效益指标 is there, in its block
            findings.append(Finding.of(FindingCode.SATISFACTION_MISSING, say(FindingCode.SATISFACTION_MISSING, subject=_name(subject), v=plain(expected[satisfaction]), fallback=fallback), subject.id))
        expected[fallback] = expected.get(fallback, ZERO) + expected.pop(satisfaction)
    differs = [lvl for lvl in sorted(set(expected) | set(by_level)) if by_level.get(lvl, ZERO) != expected.get(lvl, ZERO)]
    if differs:
        shown = join(F.LIST, (f"{lvl} {plain(by_level.get(lvl, ZERO))}/{plain(expected.get(lvl, ZERO))}" for lvl in differs))
        severity = "error" if policy.split.strictness == "error" else "warning"
        findings.append(Finding.of(FindingCode.LEVEL1_SPLIT, say(FindingCode.LEVEL1_SPLIT, subject=_name(subject), shown=shown), subject.id, severity=severity))
    return declared


def _check_blocks(subject: Subject, rows: Sequence[RowPoints], policy: Policy, findings: list[Finding]) -> None:
    """A ``(N分)`` printed on a 一级 or 二级 label must be what its rows' points add to."""
    if all(row[2] is None and row[4] is None for row in rows):
        return  # no label prints its points: nothing to hold them against
    blocks: dict[tuple[str, ...], tuple[Decimal | None, Decimal]] = {}
    for weight, level1, level1_points, level2, level2_points in rows:
        marks: tuple[tuple[tuple[str, ...], Decimal | None], ...] = (
            ((level1,), level1_points), ((level1, level2 or ""), level2_points))
        for key, points in marks:
            if points is not None or key in blocks:
                printed, added = blocks.get(key, (points, ZERO))
                blocks[key] = (printed if printed is not None else points, added + weight)
    for key, (printed, added) in blocks.items():
        if printed is not None and printed != added:
            label = " › ".join(k for k in key if k)
            findings.append(Finding.of(FindingCode.WEIGHTS_SUM, say(FindingCode.WEIGHTS_SUM, 'block', subject=_name(subject), label=label, printed=plain(printed), added=plain(added)),
                                       subject.id, severity=policy.weights.severity, claimed=plain(printed), computed=plain(added),
                                       level=Level.PROJECT, kind=Kind.ARITHMETIC, difference=printed - added,
                                       reason=why(Kind.ARITHMETIC, "block", label=label, printed=plain(printed), added=plain(added))))


def _roll_up(projects: tuple[SubjectResult, ...], policy: Policy, findings: list[Finding]):
    """The department from its projects: mean weighted by executed budget, or plain mean."""
    d = policy.rounding.decimals
    executed_by_project = [p.subject.budget.executed if p.subject.budget else None for p in projects]
    weights = [w for w in executed_by_project if w is not None]
    method = policy.rollup.method
    if method == "budget_weighted" and (len(weights) < len(projects) or sum(weights) == 0):
        method = "mean"
        findings.append(Finding.of(FindingCode.ROLLUP_FALLBACK, say(FindingCode.ROLLUP_FALLBACK)))
    if method == "budget_weighted":
        executed = total(weights)
        exact = divide(total(w * p.score for w, p in zip(weights, projects)), executed)
        terms = " + ".join(f"{plain(w)}×{kept(p.score, d)}" for w, p in zip(weights, projects))
        score = _rolled(exact, projects, policy)
        formula = F.filled(F.ROLLUP_WEIGHTED, terms=terms, executed=plain(executed), score=kept(score, d))
    else:
        exact = divide(total(p.score for p in projects), Decimal(len(projects)))
        score = _rolled(exact, projects, policy)
        formula = F.filled(F.ROLLUP_MEAN, terms=" + ".join(kept(p.score, d) for p in projects), n=len(projects), score=kept(score, d))
    return score, Decimal(100), score, Rollup(method, formula)
