"""Evaluation files → the domain model: subjects, their rows, their budgets and claims.

A file is read (TOML, or a workbook read by its labels), checked as a whole
document, and every subject built from its own keys, its indicator set or
inline rows, and its approved set if it names one. Every problem is collected
(:mod:`._problems`) and raised together at the end.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import cast

from ..errors import InputError, Problem, display_path
from ..i18n import t
from ..limits import DEFAULT, Limits
from ..model import Budget, Claim, Evaluation, Line, SourceReport, Subject
from ..policy import Policy
from ._kinds import EVALUATION, OTHER_SPREADSHEETS, SPREADSHEETS, kind_of, not_an_evaluation
from ._lean import lean_evaluation
from ._policy import load_policy
from ._problems import Collector, Path_, place_of, sorted_problems, suggest
from ._rows import build_indicator, build_outcome
from ._schema import BudgetDoc, ClaimDoc, EvaluationDoc, ResultDoc, RowDoc, SubjectDoc, describe
from ._sets import IndicatorSet, approved_lines, read_indicator_set, unique_ids
from ._toml import Document, Place, read_document

MONEY_UNITS = ("元", "万元")


class _Loader:
    def __init__(self, doc: Document, policy: Policy, out: Collector, sets: dict[Path, IndicatorSet]):
        self.doc, self.policy, self.out, self.sets = doc, policy, out, sets

    def indicator_set(self, ref: str, at: Path_) -> IndicatorSet | None:
        path = Path(ref)
        if not path.is_absolute():  # normalised: the folder of a file about to be written may not exist yet
            path = Path(os.path.normpath(self.doc.base / path))
        key = path.resolve()
        if key in self.sets:
            return self.sets[key]
        if not path.is_file():
            self.out.add(at, t('存在的指标集文件（路径相对于本文件）', 'an existing indicator set file (relative to this file)'),
                         t('"{ref}"，文件不存在', '"{ref}", which does not exist', ref=ref))
            return None
        try:
            if Path(ref).is_absolute():
                shown = ref
            elif self.doc.base == self.doc.path.parent:
                shown = os.path.normpath(Path(self.doc.shown).parent / ref)
            else:
                shown = display_path(path)
            ind_set = read_indicator_set(path, shown, self.policy)
        except InputError as exc:
            self.out.problems.extend(exc.problems)
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
            outcome = build_outcome(r, ind, self.policy, self.out, result_at) if r is not None else None
            if outcome is not None:
                lines.append(Line(ind, outcome, Place(self.doc, result_at)))
        return lines

    def inline_lines(self, rows: list, at: Path_) -> list[Line]:
        built, lines = [], []
        for i, raw in enumerate(rows):
            row_at = at + ("indicator", i)
            row = self.out.salvage(raw, RowDoc, row_at)
            if row is None:
                continue
            ind = build_indicator(row, self.policy, self.out, row_at)  # a row has every indicator key …
            if ind is None:
                continue
            built.append((row_at, ind))
            outcome = build_outcome(row, ind, self.policy, self.out, row_at)  # … and every result key
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


WORKBOOK_SUFFIXES = SPREADSHEETS
"""Evaluations written as a 自评表 workbook or CSV (see :mod:`scoring.load.workbook`)."""


def read_evaluation_document(path: Path, shown: str | None = None, limits: Limits = DEFAULT) -> Document:
    """An evaluation file's document: TOML as written, or a workbook read by its labels
    (a spreadsheet format that cannot be read is refused there, with what to do)."""
    if path.suffix.lower() in SPREADSHEETS + OTHER_SPREADSHEETS:
        from .workbook import read_workbook_document

        return read_workbook_document(path, shown, limits=limits)
    return read_document(path, shown, limits)


def load_evaluation(path: Path | str, shown: str | None = None, *, sets: dict | None = None,
                    policy: str | None = None, document: Document | None = None, limits: Limits = DEFAULT,
                    lean: bool = True) -> Evaluation:
    """Read, check and resolve one evaluation file (TOML, or a 自评表 workbook or CSV); every
    problem is raised at once.

    ``policy`` (an id or a path relative to the working folder) is the policy that governs: a
    bureau's ``--policy`` scores every file with it, whatever policy the file names (that one is
    kept as ``declared_policy``, reported and not used). Without it, a file's own policy applies. ``document`` is an evaluation already
    read (a workbook about to be written as TOML). A file in the plain shape is built by the lean
    path (:mod:`._lean`); ``lean=False`` always takes the full one (to hold the two to the same model)."""
    path = Path(path)
    doc = document if document is not None else read_evaluation_document(path, shown, limits)
    if not doc.report and "department" not in doc.data and (kind := kind_of(doc.text)) != EVALUATION:
        raise InputError([Problem(doc.shown, "", t('评价文件（有 department 键）', 'an evaluation (with a department key)'),
                                  not_an_evaluation(kind))])
    data = doc.data
    declared = data.get("policy") if isinstance(data.get("policy"), str) else None
    policy_ref, base = declared, doc.base
    if policy is not None:  # the bureau's policy governs: a submission does not choose its own rules
        policy_ref, base = policy, Path.cwd()
    try:
        rules = load_policy(policy_ref, base=base, place="policy" if policy is None else "--policy",
                            referrer=doc if policy is None else None, at=("policy",))
    except InputError as exc:
        out = Collector(doc)
        out.salvage(data, EvaluationDoc)
        raise InputError(out.problems + exc.problems) from None
    if lean and not sets and (plain := lean_evaluation(doc, rules, declared, path)) is not None:
        return plain
    return _full(doc, path, rules, declared, sets if sets is not None else {})


def _full(doc: Document, path: Path, rules: Policy, declared: str | None, sets: dict[Path, IndicatorSet]) -> Evaluation:
    """Every key checked by the converter, every subject built by :class:`_Loader`, every problem collected."""
    out = Collector(doc)
    data = doc.data
    ev = out.salvage(data, EvaluationDoc)
    loader = _Loader(doc, rules, out, sets)
    subject_docs: list[tuple[str, Path_, dict]] = []
    if isinstance(data.get("overall"), dict):
        subject_docs.append(("overall", ("overall",), data["overall"]))
    if isinstance(data.get("project"), list):
        subject_docs += [("project", ("project", i), raw) for i, raw in enumerate(data["project"]) if isinstance(raw, dict)]
    subjects = [loader.subject(raw, kind, at) for kind, at, raw in subject_docs]

    if ev is not None:
        if ev.money_unit not in MONEY_UNITS:
            out.add(("money_unit",), " | ".join(f'"{u}"' for u in MONEY_UNITS), describe(ev.money_unit))
        claimed = loader.claim(ev.claimed, ("claimed",))
        if ev.overall is None and not ev.project:
            out.add((), t('[overall] 或至少一个 [[project]]', '[overall] or at least one [[project]]'), t('都没有', 'neither'))
        ids = [s.id for s in subjects if s is not None and not s.is_overall]
        for dup in sorted(i for i, n in Counter(ids).items() if n > 1):  # counted once: 20,000 projects stay linear
            out.add(("project",), t('各不相同的项目 id', 'distinct project ids'), t('重复的 "{dup}"', '"{dup}" more than once', dup=dup))
    if out.problems:
        raise InputError(sorted_problems(out.problems))
    overall = next((s for s in subjects if s is not None and s.is_overall), None)
    projects = tuple(s for s in subjects if s is not None and not s.is_overall)
    return Evaluation(doc.shown, ev.department, ev.year, rules, ev.money_unit, claimed, overall, projects,
                      source=cast("SourceReport | None", doc.report), notes=tuple(doc.notes), declared_policy=declared,
                      reads=(str(path.resolve()), *(str(p) for p in loader.sets), *rules.files))
