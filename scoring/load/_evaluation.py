"""Evaluation and indicator-set files → the domain model.

Every problem in a file is collected, with the subject, indicator, key and
line it concerns, and raised together at the end: a user fixes a file in one
pass, not one error at a time.
"""

from __future__ import annotations

import difflib
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from ..errors import InputError, Problem, display_path
from ..i18n import Text, Words, join, t
from ..model import (
    Budget,
    Change,
    Claim,
    Comparator,
    Evaluation,
    Indicator,
    Line,
    Outcome,
    SourceReport,
    Subject,
)
from ..numbers import plain
from ..policy import Policy
from ._kinds import EVALUATION, OTHER_SPREADSHEETS, SPREADSHEETS, kind_of, not_an_evaluation
from ._policy import load_policy
from ._schema import (
    BudgetDoc,
    ClaimDoc,
    EvaluationDoc,
    IndicatorDoc,
    IndicatorSetDoc,
    ResultDoc,
    RowDoc,
    SubjectDoc,
    converter,
    describe,
    schema_errors,
)
from ._targets import QUANTITATIVE_WORDS, fold, label_points, quantity, same_words, unit_in_name
from ._targets import comparator as read_comparator
from ._toml import Document, Place, read_document

Path_ = tuple[str | int, ...]
MONEY_UNITS = ("元", "万元")


def subject_place(kind: str, name: str | None, index: int | None = None) -> Text:
    if kind == "overall":
        return t('部门整体', 'overall')
    if name:
        return t('项目「{name}」', 'project “{name}”', name=name)
    return t('第 {v} 个项目', 'project #{v}', v=(index or 0) + 1)


def indicator_place(name: str) -> Text:
    return t('指标「{name}」', 'indicator “{name}”', name=name)


def place_of(path: Path_, data: Any) -> Text:
    """A key path as a user reads it: 项目「X」 › 指标「Y」 › rate."""
    parts: list[Text | str] = []
    node = data
    i = 0
    while i < len(path):
        key = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        child = node.get(key) if isinstance(node, dict) else None
        if key == "overall" and i == 0:
            parts.append(subject_place("overall", None))
            node, i = child, i + 1
        elif key == "project" and i == 0 and isinstance(nxt, int):
            item = child[nxt] if isinstance(child, list) and nxt < len(child) else {}
            name = item.get("name") or item.get("id") if isinstance(item, dict) else None
            parts.append(subject_place("project", name if isinstance(name, str) else None, nxt))
            node, i = item, i + 2
        elif key == "indicator" and isinstance(nxt, int):
            item = child[nxt] if isinstance(child, list) and nxt < len(child) else {}
            name = item.get("name") if isinstance(item, dict) else None
            parts.append(indicator_place(name if isinstance(name, str) else f"#{nxt + 1}"))
            node, i = item, i + 2
        elif key == "results" and nxt is not None:
            parts.append(indicator_place(str(nxt)))
            node = child.get(nxt) if isinstance(child, dict) else None
            i += 2
        else:
            parts.append(str(key))
            node, i = child, i + 1
    return join(" › ", parts) if parts else t('文件顶层', 'top level')


class _Collector:
    """Problems found in one file, each placed by key path."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = list(doc.read_problems)
        self.spoiled: set[Path_] = set(doc.spoiled)
        """Key paths whose values were rejected: nothing else is said of them."""

    def add(self, at: Path_, expected: Words, found: Words, hint: Words | None = None, place: Words | None = None) -> None:
        if at in self.doc.spoiled:  # a cell the reader already named
            return
        place = place if place is not None else place_of(at, self.doc.data)
        self.problems.append(self.doc.problem(at, place, expected, found, hint))

    def structure(self, data: Any, cls: type, at: Path_ = ()) -> Any:
        """``data`` as ``cls``, or None with every mistake recorded."""
        try:
            return converter.structure(data, cls)
        except Exception as exc:  # a cattrs exception group: one entry per mistake
            for err in schema_errors(exc):
                self.add(at + err.path, err.expected, err.found, err.hint)
            return None

    def salvage(self, data: Any, cls: type, at: Path_ = ()) -> Any:
        """Like :meth:`structure`, but after recording the mistakes, ``cls`` built from
        the keys that had none, so their meaning can still be checked (None if a
        required key is the one at fault)."""
        try:
            return converter.structure(data, cls)
        except Exception as exc:
            errors = schema_errors(exc)
        for err in errors:
            self.add(at + err.path, err.expected, err.found, err.hint)
            if err.path:
                self.spoiled.add(at + err.path[:1])
        if not isinstance(data, dict):
            return None
        bad = {err.path[0] for err in errors if err.path}
        try:
            return converter.structure({k: v for k, v in data.items() if k not in bad}, cls)
        except Exception:
            return None


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """In reading order: file by file (first seen first), line by line."""
    files: dict[str, int] = {}
    for p in problems:
        files.setdefault(p.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.line or 0))


def _suggest(key: str, known: list[str]) -> Text | None:
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
    return t('是否想写「{v}」？', 'did you mean “{v}”?', v=near[0]) if near else None


# -- indicators ----------------------------------------------------------------

def build_indicator(d: IndicatorDoc | RowDoc, policy: Policy, out: _Collector, at: Path_) -> Indicator | None:
    """One indicator with its comparator, target and unit resolved."""
    ok = True

    def bad(key: str, expected: Words, found: Words, hint: Words | None = None) -> None:
        nonlocal ok
        ok = False
        out.add(at + (key,), expected, found, hint)

    level1, level1_points = label_points(d.level1)  # "成本指标(10分)" is 成本指标, worth 10
    level2, level2_points = label_points(d.level2) if d.level2 is not None else (None, None)
    given = None
    if d.comparator is not None and fold(d.comparator) not in QUANTITATIVE_WORDS:  # 定量: numeric, no direction given
        given = read_comparator(d.comparator)
        if given is None:
            bad("comparator", t('≥、≤、=、>、<、定性之一（也接受 >=、<=、＝、不少于、不超过、以上、以下、正向、反向、定量 等写法）', 'one of ≥ ≤ = > < 定性 (>=, <=, ＝, 不少于, 不超过, 以上, 以下, 正向, 反向, 定量 and the like are read too)'),
                f'"{d.comparator}"')

    cmp, number, text, unit, written, assumed = given, None, None, d.unit, None, False
    if isinstance(d.target, Decimal):
        number = d.target
    elif given is Comparator.QUALITATIVE:
        text = d.target.strip()
    else:
        q = quantity(d.target)
        if q is None and given is None:  # text such as "及时" or "优良中低差" is qualitative by nature
            cmp, text = Comparator.QUALITATIVE, d.target.strip()
        elif q is None:
            bad("target", t('与 {value} 相配的数字（如 "≥95%"）', 'a number to go with {value} (like "≥95%")',
                            value=given.value if given else ""), describe(d.target))
        else:
            number, written = q.number, d.target
            if q.comparator and given and q.comparator is not given:
                bad("comparator", t('与指标值 "{target}" 一致的比较符', 'a comparator that agrees with target "{target}"', target=d.target), f'"{d.comparator}"')
            if q.unit and d.unit and _unit(q.unit, policy) != _unit(d.unit, policy):
                bad("unit", t('与指标值 "{target}" 一致的单位', 'the unit of target "{target}"', target=d.target), f'"{d.unit}"')
            cmp = q.comparator or given
            unit = q.unit or d.unit
    from_name = False
    if number is not None:
        if cmp is None:
            lower = policy.labels.is_cost(level1, level2) or number == 0 or policy.labels.counts_bad_events(d.name)
            cmp, assumed = (Comparator.AT_MOST if lower else Comparator.AT_LEAST), True
        if cmp is Comparator.QUALITATIVE:
            bad("target", t('定性指标的等级或文字', 'a grade or text for a 定性 indicator'), describe(number))
        if number < 0:
            bad("target", t('非负数', 'a number ≥ 0'), describe(number))
        if not unit and (unit := unit_in_name(d.name)):
            from_name = True
    if d.weight <= 0:
        bad("weight", t('大于 0 的分值', 'points > 0'), describe(d.weight))
    if not ok or cmp is None:
        return None
    return Indicator(
        id=d.id if d.id is not None else d.name,
        level1=level1,
        level2=level2,
        name=d.name,
        comparator=cmp,
        weight=d.weight,
        target=number,
        target_text=text,
        unit=_unit(unit, policy) if unit else None,
        scale=d.scale,
        group=d.group,
        comparator_assumed=assumed,
        written=written,
        unit_from_name=from_name,
        level1_points=level1_points,
        level2_points=level2_points,
    )


def _unit(unit: str, policy: Policy) -> str:
    return policy.units.canonical(fold(unit))


def build_outcome(r: ResultDoc | RowDoc, ind: Indicator, policy: Policy, out: _Collector, at: Path_) -> Outcome | None:
    """One indicator's 完成情况, checked against its indicator and the policy's scales."""
    ok = True

    def bad(key: str | None, expected: Words, found: Words, hint: Words | None = None) -> None:
        nonlocal ok
        ok = False
        out.add(at + ((key,) if key else ()), expected, found, hint)

    given = [k for k in ("actual", "rate", "grade") if getattr(r, k) is not None]
    na = r.status == "na"
    if r.status is not None and not na:
        bad("status", '"na"', describe(r.status))
    if na and given:
        bad(given[0], t('status = "na" 时不填完成值', 'no completion value when status = "na"'), given[0])
    elif not na and len(given) != 1 and not any(at + (k,) in out.spoiled for k in ("actual", "rate", "grade", "status")):
        bad(None, t('actual、rate、grade 之一（或 status = "na"）', 'exactly one of actual, rate, grade (or status = "na")'),
            " + ".join(given) if given else t('都没有', 'none of them'))
    if r.claimed is not None and r.claimed < 0:
        bad("claimed", t('非负数', 'a number ≥ 0'), describe(r.claimed))
    if r.rate is not None and r.rate < 0:
        bad("rate", t('非负的完成比例（1 = 全部完成）', 'a completion ratio ≥ 0 (1 = achieved)'), describe(r.rate))

    scale = levels = None
    if ind.qualitative or ind.scale is not None:
        scale = policy.qualitative.scale(ind.scale)
        if scale is None:
            names = "、".join(s.name for s in policy.qualitative.scales)
            bad("scale", t('评分规则中的定性等级表：{names}', 'a scale of the policy: {names}', names=names), f'"{ind.scale}"')
        levels = "、".join(lv.label for lv in scale.levels) if scale else ""

    grade, word, actual, restated, written, judged = None, None, None, False, None, False
    if r.grade is not None:
        if not ind.qualitative:
            bad("grade", t('定量指标的 actual 或 rate', 'actual or rate for a quantitative indicator'), "grade")
        elif scale is not None and scale.level(fold(r.grade)) is None:
            bad("grade", t('等级之一：{levels}', 'one of the grades {levels}', levels=levels), describe(r.grade))
        else:
            grade = fold(r.grade)
    if r.actual is not None:
        written = r.actual if isinstance(r.actual, str) else None
        if ind.qualitative:
            text = fold(r.actual) if isinstance(r.actual, str) else None
            if text is not None and scale is not None and scale.level(text) is not None:
                grade = text
            elif text is not None and text in policy.qualitative.achieved_words:
                word = text
            elif text is not None and ind.target_text is not None and same_words(text, ind.target_text):
                word, restated = text, True  # the target's own words: achieved (DOMAIN: a restated target)
            elif text is not None and r.claimed is not None and 0 <= r.claimed <= ind.weight:
                judged = True  # free words no rule can grade: the department's own score, named as such
            else:
                words = "、".join(policy.qualitative.achieved_words)
                bad("actual", t('定性指标的等级（{levels}）、完成表述（{words}）、照抄的指标值，或在分值内的自评得分', 'a grade ({levels}), an achieved word ({words}), the target restated, or a claimed score within the points', levels=levels, words=words),
                    describe(r.actual))
        elif isinstance(r.actual, Decimal):
            actual = r.actual
        else:
            q = quantity(r.actual)
            if q is None:
                unit = ind.unit or t('指标值的单位', "the target's unit")
                bad("actual", t('以 {unit} 计的数字', 'a number in {unit}', unit=unit), describe(r.actual))
            else:
                actual, restated = q.number, q.comparator is not None
                if q.unit and ind.unit and _unit(q.unit, policy) != ind.unit:
                    bad("actual", t('与指标值相同的单位 {unit}', "the target's unit {unit}", unit=ind.unit), describe(r.actual))
    if not ok:
        return None
    return Outcome(
        actual=actual,
        rate=r.rate,
        grade=grade,
        achieved_word=word,
        not_applicable=na,
        reason=(r.reason or "").strip() or None,
        claimed=r.claimed,
        restates_target=restated,
        written=written,
        judged=judged,
    )


# -- indicator sets --------------------------------------------------------------

class IndicatorSet:
    """A 绩效目标表 file, checked."""

    def __init__(self, doc: Document, title: str, year: int | None, budget_points: Decimal | None, indicators: tuple[Indicator, ...]):
        self.doc = doc
        self.title = title
        self.year = year
        self.budget_points = budget_points
        self.indicators = indicators


def _unique_ids(indicators: list[tuple[Path_, Indicator]], out: _Collector) -> None:
    seen: dict[str, Path_] = {}
    for at, ind in indicators:
        if ind.id in seen:
            first = out.doc.where(seen[ind.id]) or ""
            out.add(
                at + ("id",),
                t('集合内唯一的 id（名称重复时请给出 id）', 'an id unique in the set (give id where names repeat)'),
                t('与{first}重复的 "{id}"', '"{id}", as at {first}', first=first, id=ind.id),
            )
        else:
            seen[ind.id] = at


def read_indicator_set(path: Path, shown: str, policy: Policy) -> IndicatorSet:
    doc = read_document(path, shown)
    out = _Collector(doc)
    d = out.structure(doc.data, IndicatorSetDoc)
    if d is None:
        raise InputError(out.problems)
    built: list[tuple[Path_, Indicator]] = []
    for i, raw in enumerate(d.indicator):
        ind_doc = out.salvage(raw, IndicatorDoc, ("indicator", i))
        ind = build_indicator(ind_doc, policy, out, ("indicator", i)) if ind_doc is not None else None
        if ind is not None:
            built.append((("indicator", i), ind))
    _unique_ids(built, out)
    if d.budget_points is not None and d.budget_points < 0:
        out.add(("budget_points",), t('非负数', 'a number ≥ 0'), describe(d.budget_points))
    if out.problems:
        raise InputError(sorted_problems(out.problems))
    return IndicatorSet(doc, d.title, d.year, d.budget_points, tuple(ind for _, ind in built))


# -- approved targets --------------------------------------------------------------

def _target_value(ind: Indicator) -> str:
    return plain(ind.target) if ind.target is not None else (ind.target_text or "")


def _fits(ind: Indicator, out: Outcome) -> bool:
    """Whether a completion written for one indicator can be scored against another."""
    if out.rate is not None or out.not_applicable or out.missing:
        return True
    if ind.qualitative:
        return out.grade is not None or out.achieved_word is not None
    return out.actual is not None


def against_approved(lines: list[Line], approved: IndicatorSet) -> tuple[tuple[Line, ...], tuple[Change, ...]]:
    """The approved indicators with the department's completions (10号: self-evaluation
    uses the approved targets), and every way the submitted table differs from them."""
    by_id = {line.indicator.id: line for line in lines}
    by_name = {line.indicator.name: line for line in lines}
    used: set[int] = set()
    scored: list[Line] = []
    changes: list[Change] = []
    for i, ind in enumerate(approved.indicators):
        sub = by_id.get(ind.id) or by_name.get(ind.name)
        if sub is None or id(sub) in used:
            changes.append(Change(ind.id, "dropped", ind.target_display(), "—", ind.name))
            scored.append(Line(ind, Outcome(missing=True), Place(approved.doc, ("indicator", i))))
            continue
        used.add(id(sub))
        si = sub.indicator
        for what, a, b in (
            ("comparator", ind.comparator.value, si.comparator.value),
            ("target", _target_value(ind), _target_value(si)),
            ("unit", ind.unit or "", si.unit or ""),
            ("weight", plain(ind.weight), plain(si.weight)),
        ):
            if a != b:
                changes.append(Change(ind.id, what, a or "—", b or "—", ind.name))
        out = sub.outcome
        if not _fits(ind, out):
            out = Outcome(missing=True, reason=out.reason, claimed=out.claimed, written=out.written)
        scored.append(Line(ind, out, sub.place))
    for line in lines:
        if id(line) not in used:
            changes.append(Change(line.indicator.id, "added", "—", line.indicator.target_display(), line.indicator.name))
    return tuple(scored), tuple(changes)


# -- evaluations -----------------------------------------------------------------

class _Loader:
    def __init__(self, doc: Document, policy: Policy, out: _Collector, sets: dict[Path, IndicatorSet]):
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
                             t('未知的指标 "{key}"', 'unknown indicator "{key}"', key=key), _suggest(key, list(by_id)))
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
        _unique_ids(built, self.out)
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
        if approved is None:
            return Subject(kind, subject_id, name, tuple(lines), budget, points, claimed, agency=sd.agency)
        if points is None and sd.budget_points is None:
            points = approved.budget_points
        scored_lines, changes = against_approved(lines, approved)
        return Subject(kind, subject_id, name, scored_lines, budget, points, claimed, changes, tuple(lines), sd.agency)


WORKBOOK_SUFFIXES = SPREADSHEETS
"""Evaluations written as a 自评表 workbook or CSV (see :mod:`scoring.load.workbook`)."""


def read_evaluation_document(path: Path, shown: str | None = None) -> Document:
    """An evaluation file's document: TOML as written, or a workbook read by its labels
    (a spreadsheet format that cannot be read is refused there, with what to do)."""
    if path.suffix.lower() in SPREADSHEETS + OTHER_SPREADSHEETS:
        from .workbook import read_workbook_document

        return read_workbook_document(path, shown)
    return read_document(path, shown)


def load_evaluation(path: Path | str, shown: str | None = None, *, sets: dict | None = None,
                    default_policy: str | None = None, document: Document | None = None) -> Evaluation:
    """Read, check and resolve one evaluation file (TOML, or a 自评表 workbook or CSV); every
    problem is raised at once.

    ``default_policy`` (an id or a path relative to the working folder) scores a file that
    names no policy; a file's own ``policy`` always wins. ``document`` is an evaluation already
    read (a workbook about to be written as TOML)."""
    path = Path(path)
    doc = document if document is not None else read_evaluation_document(path, shown)
    if not doc.report and "department" not in doc.data and (kind := kind_of(doc.text)) != EVALUATION:
        raise InputError([Problem(doc.shown, "", t('评价文件（有 department 键）', 'an evaluation (with a department key)'),
                                  not_an_evaluation(kind))])
    out = _Collector(doc)
    data = doc.data
    ev = out.salvage(data, EvaluationDoc)

    policy_ref = data.get("policy") if isinstance(data.get("policy"), str) else None
    base = doc.base
    if policy_ref is None and default_policy is not None:
        policy_ref, base = default_policy, Path.cwd()
    try:
        policy = load_policy(policy_ref, base=base, place="policy", referrer=doc, at=("policy",))
    except InputError as exc:
        raise InputError(out.problems + exc.problems) from None

    loader = _Loader(doc, policy, out, sets if sets is not None else {})
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
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            out.add(("project",), t('各不相同的项目 id', 'distinct project ids'), t('重复的 "{dup}"', '"{dup}" more than once', dup=dup))
    if out.problems:
        raise InputError(sorted_problems(out.problems))
    overall = next((s for s in subjects if s is not None and s.is_overall), None)
    projects = tuple(s for s in subjects if s is not None and not s.is_overall)
    return Evaluation(doc.shown, ev.department, ev.year, policy, ev.money_unit, claimed, overall, projects,
                      source=cast("SourceReport | None", doc.report), notes=tuple(doc.notes))
