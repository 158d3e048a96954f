"""Synthetic submissions with planted discrepancies, for tests and benchmarks.

It generates a folder of self-evaluations whose correct scores are known by
construction, with the mistakes real submissions show planted in them, so a
test (ours, or a bureau's own) can check that ``score`` flags each one. Every expected score here is worked
out with plain decimal arithmetic, independently of the engine.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from attrs import define, field

PLANTS = (
    "marked-down",      # a row fully achieved, claimed below its points, no reason
    "over-points",      # an over-achieved row claimed above its points
    "total-110",        # rows worth 110 points, the total printed as 100
    "budget-over",      # execution above 100 %, claimed above the budget points
    "wrong-total",      # the project total claimed higher than its rows give
    "target-changed",   # a target lowered against the approved set
    "department",       # the department's claimed score off
)

LEVELS = (("产出指标", 50), ("效益指标", 30), ("满意度指标", 10))
TWO = Decimal("0.01")


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


def _split(points: int, n: int) -> list[int]:
    base, extra = divmod(points, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def _project(rng: random.Random, index: int, n: int, plants: set[str] | frozenset[str], folder: Path,
             name: str, misclaimed: float = 0.0) -> tuple[list[str], Decimal, Decimal, list[Plant]]:
    """One project's TOML, its executed budget, its correct score and what was planted in it."""
    pid = f"p{index}"
    counts = [max(1, round(n * pts / 90)) for _, pts in LEVELS]
    counts[0] = n - counts[1] - counts[2]
    rows, earned, claims = [], Decimal(0), []
    planted: list[Plant] = []
    approved_rows = []
    k = 0
    for (level1, points), count in zip(LEVELS, counts):
        for w in _split(points, count):
            k += 1
            target = rng.choice([4, 10, 20, 50, 90, 95, 100])
            unit = "%" if target >= 90 else "个"
            roll = rng.random()
            weight = Decimal(w)
            if roll < 0.15:   # a shortfall: 80 % of the target, with a reason
                actual, score, reason = Decimal(target) * Decimal("0.8"), weight * Decimal("0.8"), "部分完成"
            elif roll < 0.2:  # far over target, explained
                actual, score, reason = Decimal(target) * Decimal("1.5"), weight, "目标偏低"
            else:
                actual, score, reason = Decimal(target), weight, None
            claim = score
            row_id = f"{pid}-{k}"
            if "marked-down" in plants and reason is None and not any(p.kind == "marked-down" for p in planted):
                claim = weight - 1 if weight > 1 else weight / 2
                planted.append(Plant("marked-down", pid, row_id))
            elif "over-points" in plants and reason == "目标偏低" and not any(p.kind == "over-points" for p in planted):
                claim = weight + 1
                planted.append(Plant("over-points", pid, row_id))
            elif misclaimed and rng.random() < misclaimed:  # a row claim off by a point, as a careless table has it
                claim = score - 1 if score >= 1 else score / 2
                planted.append(Plant("misclaimed", pid, row_id))
            shown_target = Decimal(target)
            approved_rows.append((row_id, level1, target, unit, w))
            if "target-changed" in plants and not any(p.kind == "target-changed" for p in planted) and reason == "部分完成":
                shown_target = target * Decimal("0.8")  # lowered until the actual meets it
                planted.append(Plant("target-changed", pid, row_id))
            earned += score
            claims.append(claim)
            rows.append(
                f'[[project.indicator]]\nid = "{row_id}"\nlevel1 = "{level1}"\nname = "指标{k}"\ncomparator = "≥"\n'
                f'target = {shown_target}\nunit = "{unit}"\nweight = {w}\nactual = {actual}\nclaimed = {claim}\n'
                + (f'reason = "{reason}"\n' if reason else "")
            )
    full_year = Decimal(rng.randrange(100_000, 5_000_000))
    executed = full_year
    budget_claim = Decimal(10)
    if "budget-over" in plants:
        executed = full_year * Decimal("1.1")
        budget_claim = Decimal(11)
        planted.append(Plant("budget-over", pid))
    earned += 10
    claims.append(budget_claim)
    total_claim = sum(claims, Decimal(0))
    if "total-110" in plants:
        # One more row worth 10, fully achieved: rows worth 110 points; the total still printed as 100.
        rows.append(f'[[project.indicator]]\nid = "{pid}-extra"\nlevel1 = "产出指标"\nname = "附加指标"\ncomparator = "≥"\n'
                    f'target = 1\nunit = "项"\nweight = 10\nactual = 1\nclaimed = 10\n')
        claims.append(Decimal(10))
        earned += 10
        total_claim = Decimal(100)
        planted.append(Plant("total-110", pid))
    elif "wrong-total" in plants and total_claim < 100:
        total_claim = total_claim + 1
        planted.append(Plant("wrong-total", pid))
    possible = Decimal(110) if "total-110" in plants else Decimal(100)
    score = _q(earned * 100 / possible)
    head = [f'[[project]]\nid = "{pid}"\nname = "{name}项目{index}"\n'
            f'budget = {{ initial = {full_year}, full_year = {full_year}, executed = {executed} }}\n'
            f'claimed = {{ score = {total_claim}, budget_score = {budget_claim} }}\n']
    if any(p.kind == "target-changed" for p in planted):
        approved = folder / "approved" / f"{name}-{pid}.toml"
        approved.parent.mkdir(parents=True, exist_ok=True)
        approved.write_text(f'title = "{name}项目{index}"\n\n' + "".join(
            f'[[indicator]]\nid = "{rid}"\nlevel1 = "{lv}"\nname = "指标{j}"\ncomparator = "≥"\ntarget = {t}\nunit = "{u}"\nweight = {w}\n\n'
            for j, (rid, lv, t, u, w) in enumerate(approved_rows, 1)), encoding="utf-8")
        head.append(f'approved = "approved/{approved.name}"\n')
        # The row is scored against its approved target, where its actual falls short:
        # the score and the claims above already say so.
    return head + rows, executed, score, planted


def write_submission(folder: Path, name: str, indicators: int = 200, plants: set[str] | frozenset[str] = frozenset(), seed: int = 0,
                     per_project: int = 40, misclaimed: float = 0.0) -> Submission:
    """One evaluation file in ``folder`` with about ``indicators`` rows and the ``plants`` asked for;
    ``misclaimed`` is the share of the other rows whose claim is off (a ``misclaimed`` plant each)."""
    rng = random.Random(f"{name}-{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    n_projects = max(1, round(indicators / per_project))
    parts, scores, weights, planted, written = [], [], [], [], 0
    for i in range(n_projects):
        n = indicators // n_projects + (1 if i < indicators % n_projects else 0)
        rows, executed, score, p = _project(rng, i + 1, max(n, 3), plants if i == 0 else set(), folder, name, misclaimed)
        parts += rows
        scores.append(score)
        weights.append(executed)
        planted += p
        written += max(n, 3)
    exact = _q(sum((w * s for w, s in zip(weights, scores)), Decimal(0)) / sum(weights))
    claim = exact
    if "department" in plants:
        claim = exact + Decimal(2)
        planted.append(Plant("department", ""))
    text = (f'department = "{name}"\nyear = 2023\npolicy = "central-2020"\nmoney_unit = "元"\n'
            f'claimed = {{ score = {claim} }}\n\n' + "\n".join(parts))
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return Submission(path, written, planted, exact)


def write_corpus(folder: Path, files: int = 1000, indicators: int = 200, seed: int = 0, wrong: float = 0.3,
                 misclaimed: float = 0.0) -> list[Submission]:
    """A bureau's inbox: ``files`` evaluations, about ``wrong`` of them with one or more planted mistakes,
    and ``misclaimed`` of all row claims off (0.15 is a realistic inbox, 1 the worst case)."""
    rng = random.Random(seed)
    out = []
    for i in range(files):
        plants = set(rng.sample(PLANTS, rng.randint(1, 3))) if rng.random() < wrong else set()
        if "total-110" in plants:  # an added row is neither a wrong total nor an approved one
            plants -= {"wrong-total", "target-changed"}
        out.append(write_submission(folder, f"单位{i:04d}", indicators, plants, seed, misclaimed=misclaimed))
    return out
