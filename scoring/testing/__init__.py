"""Synthetic submissions with planted discrepancies, for tests and benchmarks.

It generates a folder of self-evaluations whose correct scores are known by
construction, with the mistakes real submissions show planted in them, so a
test (ours, or a bureau's own) can check that ``score`` flags each one. Every expected score here is worked
out with plain decimal arithmetic, independently of the engine.

Two spellings (``shape``):

- ``"real"`` (the default), as departments and ``score import`` write a file: written by the
  same writer (tomli-w), each target as printed with its comparator and unit in one string
  (``"≥10场"``, ``"≤22.58万元"``, ``"100%"``), ``level2`` on every row, about a fifth 定性 rows
  with words (a grade on 优良中低差, an achieved word, the target restated, or free words the
  department scored itself), 偏差原因 on the rows that missed or far exceeded their target, no
  ids (a row and a project are named), and budgets in 万元 or 元 (``money_unit``);
- ``"symbols"``, the benchmark's earlier spelling: ``comparator = "≥"``, ``target = 10``,
  ``unit = "个"``, ids, no ``level2``, budgets in 元.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

import tomli_w
from attrs import define, field

from ..load._import import toml_values
from ..numbers import plain

PLANTS = (
    "marked-down",      # a row fully achieved, claimed below its points, no reason
    "over-points",      # an over-achieved row claimed above its points
    "total-110",        # rows worth 110 points, the total printed as 100
    "budget-over",      # execution above 100 %, claimed above the budget points
    "wrong-total",      # the project total claimed higher than its rows give
    "target-changed",   # a target lowered against the approved set
    "department",       # the department's claimed score off
)

Shape = Literal["real", "symbols"]
SHAPES: tuple[Shape, ...] = ("real", "symbols")
"""The spellings a submission can be written in: as real files are, and the bench's earlier one."""

LEVELS = (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10))
TWO = Decimal("0.01")
SHORT, FAR = Decimal("0.8"), Decimal("1.5")
SHORTFALL, LOW_TARGET = "部分完成", "目标偏低"

QUANTITIES: dict[str, tuple[tuple[str, str, str, tuple[int, ...], str], ...]] = {
    # level1: (level2, name, comparator as printed, targets, unit)
    "产出指标": (("数量指标", "开展活动", "≥", (4, 10, 12, 20, 50), "场"), ("数量指标", "培训人次", "≥", (200, 500, 1200), "人次"),
                 ("数量指标", "设置标识", "≥", (2, 4, 8), "套"), ("数量指标", "印发材料", "≥", (3000, 5000), "份"),
                 ("质量指标", "验收合格率", "", (100,), "%"), ("质量指标", "达标率", "≥", (90, 95), "%"),
                 ("时效指标", "完成时限", "≤", (10, 30), "天"), ("成本指标", "项目成本控制", "≤", (0,), "万元")),
    "效益指标": (("社会效益指标", "政策知晓率", "≥", (80, 85, 90), "%"), ("社会效益指标", "服务覆盖人数", "≥", (1000, 5000), "人"),
                 ("经济效益指标", "带动投资", "≥", (50, 200), "万元"), ("生态效益指标", "绿化覆盖率", "≥", (35, 40), "%")),
    "满意度指标": (("服务对象满意度指标", "群众满意度", "≥", (85, 90, 95), "%"), ("服务对象满意度指标", "使用者满意度", "≥", (90, 95), "%")),
}  # fmt: skip
"""The quantitative rows of the real spelling; a 成本指标 target of 0 is drawn as an amount in 万元."""

QUALITATIVE: dict[str, tuple[tuple[str, str], ...]] = {
    "产出指标": (("质量指标", "工作质量"), ("时效指标", "完成及时性")),
    "效益指标": (("可持续影响指标", "长效机制建设"), ("社会效益指标", "社会影响")),
    "满意度指标": (("服务对象满意度指标", "服务评价"),),
}
"""The 定性 rows of the real spelling: level1 → (level2, name)."""
GRADE_TARGETS, WORD_TARGETS = ("优良中低差", "优"), ("有效", "及时", "显著提升", "逐步完善")
ACHIEVED = ("完成", "已完成", "达成", "达标")
QUALITATIVE_SHARE = 0.2


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


@define
class Plant:
    kind: str
    subject: str
    indicator: str | None = None


@define
class Submission:
    path: Path
    indicators: int
    plants: list[Plant] = field(factory=list)
    score: Decimal | None = None
    """The department score the rules give."""


@define
class _Row:
    """One indicator row as drawn: what it is, what was achieved, what the rules give it."""

    level1: str
    level2: str
    name: str
    weight: Decimal
    comparator: str
    """As printed before the target: ``≥``, ``≤``, nothing (≥ assumed), or ``定性``."""
    target: Decimal | str
    """The number, or a 定性 row's words."""
    unit: str
    actual: Decimal | str
    """As written: a number, a quantity with its unit, a grade or words."""
    score: Decimal
    reason: str | None = None
    judged: bool = False
    """Free words no rule can grade: the department's own claim is its score (none is planted)."""
    claim: Decimal = Decimal(0)
    shown: Decimal | str | None = None
    """The target as submitted when it differs from the approved one (``target-changed``)."""
    key: str = ""
    """What a finding names it by: its id in the symbols spelling, its name in the real one."""

    def printed(self, target: Decimal | str | None = None) -> str:
        """The target as a table prints it: ``≥10场``, ``100%``, ``优良中低差``."""
        target = self.target if target is None else target
        if isinstance(target, str):
            return target
        return f"{self.comparator}{plain(target)}{self.unit}"


def _split(points: int, n: int) -> list[int]:
    base, extra = divmod(points, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def _symbols_row(rng: random.Random, level1: str, w: int, k: int, judged: bool = True) -> _Row:
    target = rng.choice([4, 10, 20, 50, 90, 95, 100])
    unit = "%" if target >= 90 else "个"
    roll = rng.random()
    weight = Decimal(w)
    if roll < 0.15:   # a shortfall: 80 % of the target, with a reason
        actual, score, reason = Decimal(target) * SHORT, weight * SHORT, SHORTFALL
    elif roll < 0.2:  # far over target, explained
        actual, score, reason = Decimal(target) * FAR, weight, LOW_TARGET
    else:
        actual, score, reason = Decimal(target), weight, None
    return _Row(level1, "", f"指标{k}", weight, "≥", Decimal(target), unit, actual, score, reason)


def _qualitative_row(rng: random.Random, level1: str, w: int, k: int, judged: bool) -> _Row:
    """A 定性 row: graded (优 or, short, 良), an achieved word, its target restated, or (where
    ``judged``) free words."""
    level2, name = rng.choice(QUALITATIVE[level1])
    weight, roll = Decimal(w), rng.random()
    if roll < 0.5:
        short = rng.random() < 0.15
        grade, score = ("良", weight * SHORT) if short else ("优", weight)
        return _Row(level1, level2, f"{name}{k}", weight, "定性", rng.choice(GRADE_TARGETS), "", grade, score,
                    "部分工作推进较慢" if short else None)
    target = rng.choice(WORD_TARGETS)
    if roll < 0.8:
        return _Row(level1, level2, f"{name}{k}", weight, "定性", target, "", rng.choice(ACHIEVED), weight)
    if roll < 0.9 or not judged:  # the target's own words: achieved, and named as a restatement
        return _Row(level1, level2, f"{name}{k}", weight, "定性", target, "", target, weight)
    return _Row(level1, level2, f"{name}{k}", weight, "定性", "形成长效机制", "", "机制运转良好", weight, judged=True)


def _real_row(rng: random.Random, level1: str, w: int, k: int, judged: bool = True) -> _Row:
    """A row as departments write it: mostly quantities with their units, a fifth 定性 (free words
    only where ``judged``: against an approved set such a row finds no completion and scores 0)."""
    if rng.random() < QUALITATIVE_SHARE:
        return _qualitative_row(rng, level1, w, k, judged)
    level2, name, cmp, targets, unit = rng.choice(QUANTITIES[level1])
    target = Decimal(rng.choice(targets)) or Decimal(rng.randrange(500, 50_000)) / 100  # an amount in 万元
    weight, roll = Decimal(w), rng.random()
    actual: Decimal = target
    score, reason = weight, None
    if roll < 0.15:  # a shortfall, with a reason: 80 % of a floor, or a ceiling exceeded by a quarter
        actual = target * SHORT if cmp != "≤" else target * Decimal("1.25")
        score, reason = weight * SHORT, SHORTFALL if cmp != "≤" else "超出计划"
    elif roll < 0.2 and unit != "%" and cmp == "≥":  # far over target, explained
        actual, reason = target * FAR, LOW_TARGET
    written: Decimal | str = actual if rng.random() < 0.25 else f"{plain(actual)}{unit}"  # a bare number, as some type it
    return _Row(level1, level2, f"{name}{k}", weight, cmp, target, unit, written, score, reason)


def _claim(rng: random.Random, row: _Row, plants: set[str] | frozenset[str], planted: list[Plant], subject: str,
           indicator: str, misclaimed: float) -> Decimal:
    """The row's claim: its score, or a planted mistake (recorded in ``planted``)."""
    if row.judged:
        return row.score
    if "marked-down" in plants and row.reason is None and not any(p.kind == "marked-down" for p in planted):
        planted.append(Plant("marked-down", subject, indicator))
        return row.weight - 1 if row.weight > 1 else row.weight / 2
    if "over-points" in plants and row.reason == LOW_TARGET and not any(p.kind == "over-points" for p in planted):
        planted.append(Plant("over-points", subject, indicator))
        return row.weight + 1
    if misclaimed and rng.random() < misclaimed:  # a row claim off by a point, as a careless table has it
        planted.append(Plant("misclaimed", subject, indicator))
        return row.score - 1 if row.score >= 1 else row.score / 2
    return row.score


@define
class _Project:
    pid: str
    title: str
    rows: list[_Row]
    full_year: Decimal
    executed: Decimal
    claims: dict[str, Decimal]
    score: Decimal
    planted: list[Plant]
    approved: str | None = None


def _rows(rng: random.Random, n: int, plants: set[str] | frozenset[str], shape: Shape, pid: str, subject: str,
          misclaimed: float) -> tuple[list[_Row], list[Plant]]:
    """A project's rows, each with its claim, and what was planted in them."""
    counts = [max(1, round(n * pts / 90)) for _, pts in LEVELS]
    counts[0] = n - counts[1] - counts[2]
    draw = _symbols_row if shape == "symbols" else _real_row
    rows: list[_Row] = []
    planted: list[Plant] = []
    k = 0
    for (level1, points), count in zip(LEVELS, counts):
        for w in _split(points, count):
            k += 1
            row = draw(rng, level1, w, k, "target-changed" not in plants)
            row.key = f"{pid}-{k}" if shape == "symbols" else row.name
            row.claim = _claim(rng, row, plants, planted, subject, row.key, misclaimed)
            if ("target-changed" in plants and row.reason == SHORTFALL and isinstance(row.target, Decimal)
                    and not any(p.kind == "target-changed" for p in planted)):
                row.shown = row.target * SHORT  # lowered until the actual meets it; scored against the approved one
                planted.append(Plant("target-changed", subject, row.key))
            rows.append(row)
    return rows, planted


def _budget(rng: random.Random, money_unit: str, over: bool) -> tuple[Decimal, Decimal]:
    """A project's full-year budget and its execution (10 % above it when ``over``), in ``money_unit``."""
    if money_unit == "万元":
        full_year = Decimal(rng.randrange(1_000, 500_000)) / 100
    else:
        full_year = Decimal(rng.randrange(100_000, 5_000_000))
    return full_year, full_year * Decimal("1.1") if over else full_year


def _project(rng: random.Random, index: int, n: int, plants: set[str] | frozenset[str], name: str,
             misclaimed: float = 0.0, shape: Shape = "real", money_unit: str = "元") -> _Project:
    """One project: its rows and claims, its executed budget, its correct score and what was planted in it."""
    pid, title = f"p{index}", f"{name}项目{index}"
    subject = pid if shape == "symbols" else title
    rows, planted = _rows(rng, n, plants, shape, pid, subject, misclaimed)
    full_year, executed = _budget(rng, money_unit, "budget-over" in plants)
    budget_claim = Decimal(11) if "budget-over" in plants else Decimal(10)
    if "budget-over" in plants:
        planted.append(Plant("budget-over", subject))
    earned = sum((row.score for row in rows), Decimal(10))
    total_claim = sum((row.claim for row in rows), budget_claim)
    if "total-110" in plants:
        # One more row worth 10, fully achieved: rows worth 110 points; the total still printed as 100.
        ten, one = Decimal(10), Decimal(1)
        rows.append(_Row("产出指标", "数量指标", "附加指标", ten, "≥", one, "项", one if shape == "symbols" else "1项", ten,
                         claim=ten, key=f"{pid}-extra" if shape == "symbols" else "附加指标"))
        earned += 10
        total_claim = Decimal(100)
        planted.append(Plant("total-110", subject))
    elif "wrong-total" in plants and total_claim < 100:
        total_claim = total_claim + 1
        planted.append(Plant("wrong-total", subject))
    possible = Decimal(110) if "total-110" in plants else Decimal(100)
    return _Project(pid, title, rows, full_year, executed, {"score": total_claim, "budget_score": budget_claim},
                    _q(earned * 100 / possible), planted)


def _symbols_text(project: _Project, approved: str | None) -> list[str]:
    """A project in the symbols spelling, as the bench wrote it before (byte for byte)."""
    head = [f'[[project]]\nid = "{project.pid}"\nname = "{project.title}"\n'
            f'budget = {{ initial = {project.full_year}, full_year = {project.full_year}, executed = {project.executed} }}\n'
            f'claimed = {{ score = {project.claims["score"]}, budget_score = {project.claims["budget_score"]} }}\n']
    if approved:
        head.append(f'approved = "{approved}"\n')
    return head + [
        f'[[project.indicator]]\nid = "{r.key}"\nlevel1 = "{r.level1}"\nname = "{r.name}"\ncomparator = "{r.comparator}"\n'
        f'target = {r.target if r.shown is None else r.shown}\nunit = "{r.unit}"\nweight = {r.weight}\nactual = {r.actual}\n'
        f'claimed = {r.claim}\n' + (f'reason = "{r.reason}"\n' if r.reason else "")
        for r in project.rows]


def _real_row_data(row: _Row) -> dict:
    data = {"level1": row.level1, "level2": row.level2, "name": row.name, "target": row.printed(row.shown),
            "actual": row.actual, "weight": row.weight, "claimed": row.claim}
    if row.reason:
        data["reason"] = row.reason
    return data


def _real_data(project: _Project, approved: str | None) -> dict:
    """A project as ``score import`` would hold it before writing."""
    data: dict = {"name": project.title,
                  "budget": {"initial": project.full_year, "full_year": project.full_year, "executed": project.executed},
                  "claimed": dict(project.claims)}
    if approved:
        data["approved"] = approved
    data["indicator"] = [_real_row_data(row) for row in project.rows]
    return data


def _write_approved(folder: Path, name: str, project: _Project, shape: Shape) -> str | None:
    """The approved indicator set of a project whose target was lowered, written beside it; its path from the file."""
    if not any(p.kind == "target-changed" for p in project.planted):
        return None
    approved = folder / "approved" / f"{name}-{project.pid}.toml"
    approved.parent.mkdir(parents=True, exist_ok=True)
    if shape == "symbols":
        text = f'title = "{project.title}"\n\n' + "".join(
            f'[[indicator]]\nid = "{r.key}"\nlevel1 = "{r.level1}"\nname = "指标{j}"\ncomparator = "≥"\ntarget = {r.target}\n'
            f'unit = "{r.unit}"\nweight = {r.weight}\n\n' for j, r in enumerate(project.rows, 1))
    else:
        text = tomli_w.dumps(toml_values({"title": project.title, "indicator": [
            {"level1": r.level1, "level2": r.level2, "name": r.name, "target": r.printed(), "weight": r.weight}
            for r in project.rows]}))
    approved.write_text(text, encoding="utf-8")
    return f"approved/{approved.name}"


def write_submission(folder: Path, name: str, indicators: int = 200, plants: set[str] | frozenset[str] = frozenset(), seed: int = 0,
                     per_project: int = 40, misclaimed: float = 0.0, shape: Shape = "real") -> Submission:
    """One evaluation file in ``folder`` with about ``indicators`` rows and the ``plants`` asked for;
    ``misclaimed`` is the share of the other rows whose claim is off (a ``misclaimed`` plant each;
    a 定性 row of free words takes the department's claim, so none is planted there), spelled
    as ``shape`` says."""
    if shape not in SHAPES:
        raise ValueError(f"shape: one of {', '.join(SHAPES)}, not {shape!r}")
    rng = random.Random(f"{name}-{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    money_unit = rng.choice(("万元", "元")) if shape == "real" else "元"
    n_projects = max(1, round(indicators / per_project))
    projects: list[_Project] = []
    for i in range(n_projects):
        n = indicators // n_projects + (1 if i < indicators % n_projects else 0)
        projects.append(_project(rng, i + 1, max(n, 3), plants if i == 0 else set(), name, misclaimed, shape, money_unit))
    planted = [p for project in projects for p in project.planted]
    written = sum(len(project.rows) - (1 if any(p.kind == "total-110" for p in project.planted) else 0) for project in projects)
    exact = _q(sum((p.executed * p.score for p in projects), Decimal(0)) / sum(p.executed for p in projects))
    claim = exact
    if "department" in plants:
        claim = exact + Decimal(2)
        planted.append(Plant("department", ""))
    approved = [_write_approved(folder, name, project, shape) for project in projects]
    if shape == "symbols":
        parts = [part for project, path in zip(projects, approved) for part in _symbols_text(project, path)]
        text = (f'department = "{name}"\nyear = 2023\npolicy = "central-2020"\nmoney_unit = "元"\n'
                f'claimed = {{ score = {claim} }}\n\n' + "\n".join(parts))
    else:
        text = tomli_w.dumps(toml_values({"department": name, "year": 2023, "policy": "central-2020", "money_unit": money_unit,
                                     "claimed": {"score": claim},
                                     "project": [_real_data(p, path) for p, path in zip(projects, approved)]}))
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return Submission(path, written, planted, exact)


def write_corpus(folder: Path, files: int = 1000, indicators: int = 200, seed: int = 0, wrong: float = 0.3,
                 misclaimed: float = 0.0, shape: Shape = "real") -> list[Submission]:
    """A bureau's inbox: ``files`` evaluations, about ``wrong`` of them with one or more planted mistakes,
    and ``misclaimed`` of all row claims off (0.15 is a realistic inbox, 1 the worst case), spelled as
    ``shape`` says (as real files are, by default)."""
    rng = random.Random(seed)
    out = []
    for i in range(files):
        plants = set(rng.sample(PLANTS, rng.randint(1, 3))) if rng.random() < wrong else set()
        if "total-110" in plants:  # an added row is neither a wrong total nor an approved one
            plants -= {"wrong-total", "target-changed"}
        out.append(write_submission(folder, f"单位{i:04d}", indicators, plants, seed, misclaimed=misclaimed, shape=shape))
    return out
