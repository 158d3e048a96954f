"""The reader: an evaluation's document → the model, every key checked.

The converter checks each part of the document against its shape
(:mod:`._schema`), each subject is built from its own keys, its indicator set
or inline rows (:mod:`._rows`), and its approved set if it names one. What
the reader finds wrong goes to a :class:`~._problems.Collector`: one that
gathers every problem, raised together at the end, or one that stops at the
first. This is the only reader of evaluations: what a file may hold is
stated here and in the shapes, once.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import cast

from ..errors import InputError
from ..findings import Finding, FindingCode, say
from ..i18n import t
from ..model import MONEY_UNITS, Budget, Claim, Evaluation, Line, SourceReport, Subject
from ..numbers import plain
from ..policy import Policy, builtin_policy_ids
from ..wording import subject_name
from ._policy import load_policy
from ._problems import Collector, Path_, place_of, sorted_problems, suggest
from ._rows import build_indicator, build_outcome, check_result
from ._schema import BudgetDoc, ClaimDoc, EvaluationDoc, ResultDoc, RowDoc, SubjectDoc
from ._sets import IndicatorSet, approved_lines, locate_set, read_indicator_set, unique_ids
from ._toml import Document, Place
from ._values import describe


def problems_before(doc: Document, refused: InputError) -> InputError:
    """A file whose policy cannot be read: its own mistakes first, then the policy's."""
    out = Collector(doc)
    out.salvage(doc.data, EvaluationDoc)
    return InputError(out.problems + refused.problems)


class _Loader:
    def __init__(self, doc: Document, policy: Policy, out: Collector, sets: dict[Path, IndicatorSet], year: int | None):
        self.doc, self.policy, self.out, self.sets = doc, policy, out, sets
        self.stop = out.stop
        self.year = year
        """The evaluation's year: deadlines and dates in its rows, and in its indicator sets, count from it."""

    def indicator_set(self, ref: str, at: Path_) -> IndicatorSet | None:
        path, key, shown = locate_set(self.doc, ref)
        if key in self.sets and self.sets[key].read_for == self.year:  # a set read for another year is read again
            return self.sets[key]
        if not path.is_file():
            self.out.add(at, t('存在的指标集文件（路径相对于本文件）', 'an existing indicator set file (relative to this file)'),
                         t('"{ref}"，文件不存在', '"{ref}", which does not exist', ref=ref))
            return None
        try:
            ind_set = read_indicator_set(path, shown, self.policy, stop=self.stop, year=self.year)
        except InputError as exc:
            self.out.extend(exc.problems)
            return None
        self.sets[key] = ind_set
        return ind_set

    def claim(self, c: ClaimDoc | None, at: Path_) -> Claim | None:
        if c is None:
            return None
        if c.grade is not None and self.policy.grades.means(c.grade.strip()) is None:
            known = [b.label for b in self.policy.grades.bands] + list(self.policy.grades.aliases)
            self.out.add(at + ("grade",), t('等级之一：', 'one of the grades ') + "、".join(known), describe(c.grade))
        for key in ("score", "budget_score", "points"):
            value = getattr(c, key)
            if value is not None and value < 0:
                self.out.add(at + (key,), t('非负数', 'a number ≥ 0'), describe(value))
        return Claim(c.score, c.grade.strip() if c.grade else None, c.budget_score, c.points)

    def budget(self, b: BudgetDoc | None, at: Path_) -> Budget | None:
        if b is None:
            return None
        for key in ("initial", "full_year", "executed", "received"):
            value = getattr(b, key)
            if value is not None and value < 0:
                self.out.add(at + (key,), t('非负的金额', 'an amount ≥ 0'), describe(value))
        # A missing or zero denominator is no reason to refuse the file: the engine
        # scores the line from another figure, or 0, and says so.
        return Budget(b.initial, b.full_year, b.executed, b.received)

    def lines_from_set(self, results: dict, ref: str, ind_set: IndicatorSet, at: Path_) -> list[Line]:
        by_id = {ind.id: ind for ind in ind_set.indicators}
        lines = []
        for key in results:
            if key not in by_id:
                self.out.add(at + ("results", key), t('{ref} 中的指标 id', 'an indicator id of {ref}', ref=ref),
                             t('未知的指标 "{key}"', 'unknown indicator "{key}"', key=key), suggest(key, list(by_id)))
        for ind_id, ind in by_id.items():
            if ind_id not in results:
                self.out.add(at + ("results",), t('指标 "{ind_id}" 的完成情况', 'a result for indicator "{ind_id}"', ind_id=ind_id), t('缺失', 'nothing'),
                             place=place_of(at, self.doc.data) + " › results")
                continue
            result_at = at + ("results", ind_id)
            r = self.out.salvage(results[ind_id], ResultDoc, result_at)
            outcome = build_outcome(r, ind, self.policy, self.out, result_at, self.year) if r is not None else None
            if outcome is not None:
                lines.append(Line(ind, outcome, Place(self.doc, result_at)))
        return lines

    def inline_lines(self, rows: list, at: Path_) -> list[Line]:
        built, lines = [], []
        for i, raw in enumerate(rows):
            row_at = at + ("indicator", i)
            row = self.out.salvage(raw, RowDoc, row_at)
            if row is None:  # a required indicator key at fault: the row's result keys are still checked
                if (result := self.out.rest(raw, ResultDoc, row_at)) is not None:
                    check_result(result, self.out, row_at)
                continue
            ind = build_indicator(row, self.policy, self.out, row_at, self.year)  # a row has every indicator key …
            if ind is None:
                check_result(row, self.out, row_at)  # … and its own result keys are still checked
                continue
            built.append((row_at, ind))
            outcome = build_outcome(row, ind, self.policy, self.out, row_at, self.year)  # … and every result key
            if outcome is not None:
                lines.append(Line(ind, outcome, Place(self.doc, row_at)))
        unique_ids(built, self.out)
        return lines

    def subject(self, raw: dict, kind: str, at: Path_) -> Subject | None:
        """One subject. Its rows are checked even when its own keys have mistakes."""
        before = len(self.out.problems)
        sd = self.out.salvage(raw, SubjectDoc, at)
        ref: str | None = raw["indicators"] if isinstance(raw.get("indicators"), str) else None
        rows: list = raw["indicator"] if isinstance(raw.get("indicator"), list) else []
        results: dict = raw["results"] if isinstance(raw.get("results"), dict) else {}
        ind_set = None
        if ref is not None and rows:
            self.out.add(at + ("indicators",), t('indicators 路径或内联的 indicator 行，二选一', 'either an indicators path or inline indicator rows'), t('两者都有', 'both'))
        elif ref is not None:
            ind_set = self.indicator_set(ref, at + ("indicators",))
        elif not rows and "indicators" not in raw and "indicator" not in raw:
            self.out.add(at, t('indicators = "<指标集路径>" 或 [[...indicator]] 行', 'indicators = "<path>" or [[...indicator]] rows'), t('都没有', 'neither'))
        if results and ref is None and "indicators" not in raw:
            self.out.add(at + ("results",), t('与 indicators 路径一起使用的 results', 'results together with an indicators path'), t('没有 indicators', 'no indicators path'))
        lines = self.lines_from_set(results, ref, ind_set, at) if ind_set and ref else self.inline_lines(rows, at) if not ref else []
        if sd is None:
            return None
        approved = self.indicator_set(sd.approved, at + ("approved",)) if sd.approved is not None else None
        name = sd.name.strip() if sd.name else (ind_set.title if ind_set else "")
        if kind == "overall":
            name = name or "部门整体"
        elif not name and ref is None:  # missing, or written as "": a project has a name
            self.out.add(at + ("name",), t('项目名称', "the project's name"), t('空', 'nothing') if "name" in raw else t('缺失', 'nothing'))
        points = sd.budget_points if sd.budget_points is not None else (ind_set.budget_points if ind_set else None)
        if points is not None and points < 0:
            self.out.add(at + ("budget_points",), t('非负数', 'a number ≥ 0'), describe(points))
        budget = self.budget(sd.budget, at + ("budget",))
        claimed = self.claim(sd.claimed, at + ("claimed",))
        if len(self.out.problems) > before:
            return None
        subject_id: str = sd.id or ("overall" if kind == "overall" else name)
        if approved is not None and points is None:
            points = approved.budget_points
        return Subject(kind, subject_id, name, tuple(lines), budget, points, claimed, agency=sd.agency,
                       approved=approved_lines(approved) if approved is not None else None)


def read_evaluation(doc: Document, path: Path, rules: Policy, declared: str | None, sets: dict[Path, IndicatorSet],
                    stop: bool = False) -> Evaluation:
    """Every key checked by the converter, every subject built by :class:`_Loader`; every problem
    raised at once as an :class:`InputError`, or with ``stop``, :class:`~._problems.FirstProblem` at the first."""
    out = Collector(doc, stop)
    data = doc.data
    ev = out.salvage(data, EvaluationDoc)
    year = data.get("year")
    loader = _Loader(doc, rules, out, sets, year if type(year) is int else None)
    subject_docs: list[tuple[str, Path_, dict]] = []
    if isinstance(data.get("overall"), dict):
        subject_docs.append(("overall", ("overall",), data["overall"]))
    if isinstance(data.get("project"), list):
        subject_docs += [("project", ("project", i), raw) for i, raw in enumerate(data["project"]) if isinstance(raw, dict)]
    subjects = [loader.subject(raw, kind, at) for kind, at, raw in subject_docs]

    if ev is not None:
        money_unit, claim_doc = ev.money_unit, ev.claimed
        if ev.overall is None and not ev.project:
            out.add((), t('[overall] 或至少一个 [[project]]', '[overall] or at least one [[project]]'), t('都没有', 'neither'))
    else:  # department or year at fault: the keys beside them are still checked
        money_unit = data.get("money_unit", "元") if ("money_unit",) not in out.spoiled else "元"
        claim_doc = out.rest(data.get("claimed"), ClaimDoc, ("claimed",))
    if money_unit not in MONEY_UNITS:
        out.add(("money_unit",), " | ".join(f'"{u}"' for u in MONEY_UNITS), describe(money_unit))
    claimed = loader.claim(claim_doc, ("claimed",))
    ids = [s.id for s in subjects if s is not None and not s.is_overall]
    for dup in sorted(i for i, n in Counter(ids).items() if n > 1):  # counted once: 20,000 projects stay linear
        out.add(("project",), t('各不相同的项目 id', 'distinct project ids'), t('重复的 "{dup}"', '"{dup}" more than once', dup=dup))
    if out.problems:
        raise InputError(sorted_problems(out.problems))
    overall = next((s for s in subjects if s is not None and s.is_overall), None)
    projects = tuple(s for s in subjects if s is not None and not s.is_overall)
    notes = tuple(doc.notes) + tuple(points_differ(s, at, rules, doc) for s, (_, at, _) in zip(subjects, subject_docs)
                                     if s is not None and s.budget_points and s.budget_points != rules.budget.points)
    return Evaluation(doc.shown, ev.department, ev.year, rules, ev.money_unit, claimed, overall, projects,
                      source=cast("SourceReport | None", doc.report), notes=notes, declared_policy=declared,
                      reads=(str(path.resolve()), *(str(p) for p in loader.sets), *rules.files))


def points_differ(subject: Subject, at: Path_, rules: Policy, doc: Document) -> Finding:
    """A subject that states its budget line's points, other than the policy's: scored on its own
    points, and said to be, with the built-in policy whose points match it. (0 points is a table
    with no budget line, such as a 部门整体 table: nothing to compare.)"""
    points = cast(Decimal, subject.budget_points)
    match = next((pid for pid in builtin_policy_ids() if pid != rules.id and load_policy(pid).budget.points == points), None)
    params = {"subject": subject_name(subject.is_overall, subject.name), "table": plain(points), "policy": rules.id, "points": plain(rules.budget.points)}
    variant = "match" if match else None
    return Finding.of(FindingCode.BUDGET_POINTS_DIFFER, say(FindingCode.BUDGET_POINTS_DIFFER, variant, **params, **({"match": match} if match else {})),
                      subject.id, place=doc.place_of(at + ("budget_points",)))
