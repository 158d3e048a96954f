"""The seed's 2023 self-evaluation, re-scored: the numbers a reviewer can check by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring import score_file

from .conftest import ROOT


@pytest.fixture(scope="module")
def result():
    return score_file(ROOT / "evaluations" / "2023.toml")


def test_department_score_and_grade(result):
    # 42 rows, weights 3/3/1 and 4/1/2 per task: 98 points. Task 6 loses
    # 3×0.4 + 3×0.4 + 2×0.2 = 2.8, so 95.2 of 98 → 97.142857… → 97.14.
    assert result.earned == Decimal("95.20")
    assert result.possible == Decimal("98")
    assert result.score == Decimal("97.14")
    assert result.grade == "优"


def test_overall_table_has_the_seeds_42_rows(result):
    lines = result.overall.lines
    assert len(lines) == 42
    assert sum(r.line.indicator.weight for r in lines) == 98
    by_id = {r.line.indicator.id: r for r in lines}
    assert by_id["6.1"].score == Decimal("1.80")
    assert str(by_id["6.1"].scored.formula) == "r × w = 0.6 × 3 = 1.80"
    assert by_id["6.6"].score == Decimal("1.60")
    assert by_id["3.2"].line.indicator.comparator.value == "="


def test_findings_are_the_weights_sum_and_the_claim(result):
    codes = sorted(f.code for f in result.findings)
    assert codes == ["claimed-mismatch", "weights-sum"]
    mismatch = next(f for f in result.findings if f.code == "claimed-mismatch")
    assert "98" in mismatch.word("zh") and "97.14" in mismatch.word("zh")
    assert result.claimed_difference == Decimal("0.86")


def test_key_project_scores_100(result):
    (project,) = result.projects
    assert project.subject.name == "门头沟“两区”标识建设"
    assert project.score == Decimal("100.00")
    assert project.grade == "优"
    assert project.budget.scored.rate == 1
    assert project.budget.score == Decimal("10.00")
    assert project.possible == 100


def test_claimed_grade_alias_is_the_same_grade(result):
    # 优秀 is 优: no grade mismatch, only the score differs.
    assert not any("等级" in f.word("zh") for f in result.findings)
