"""Rounding never lifts a row above its points, and no report shows it lifted: a met 12.5-point row
under whole-point rounding is scored 12.5 and printed 12.5 (never 13 / 12.5, never ``→ w = 13``), and
the printed rows add up to the printed total. One definition prints every such score
(:meth:`scoring.policy.Rounding.shown`); these tests hold every report to it."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal as D
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from scoring import score_file
from scoring.engine import score_evaluation
from scoring.model import Evaluation
from scoring.numbers import fixed, held, kept, places
from scoring.report import explain
from scoring.report._view import subject_rows
from scoring.report.json_ import result_dict

from . import builder as build
from .conftest import cli
from .strategies import half_points, policies, subjects

WHOLE_POINTS = st.tuples(policies(), st.sampled_from(["half_up", "down"])).map(
    lambda drawn: attrs.evolve(drawn[0], rounding=attrs.evolve(drawn[0].rounding, decimals=0, mode=drawn[1])))
"""Any policy (caps, deductions, formulas, stage) rounding to whole points, half up or truncating."""

SHOWN = re.compile(r"　(\S+) / (\S+)$")
"""A score beside its points in ``--explain``: ``甲　12.5 / 12.5``."""


@settings(max_examples=200, deadline=None)
@given(subjects(points=half_points()), WHOLE_POINTS)
def test_no_score_is_shown_above_its_points_and_the_shown_rows_add_up(subject, policy):
    result = score_evaluation(Evaluation("e.toml", "部门", 2023, policy, projects=(subject,)))
    (s,) = result.projects
    (data,) = result_dict(result, "zh")["projects"]
    per_row = policy.rounding.stage == "indicator"
    shown_rows = []
    for r, row in zip(s.lines, data["indicators"]):
        if not r.counted:
            continue
        weight, score = r.line.indicator.weight, D(row["score"])
        assert r.score <= weight and score <= weight
        assert row["formula"].endswith(f" {row['score']}")  # the formula ends with the score shown
        assert row["trace"]["rounded"] == row["score"]
        shown_rows.append(score)
    if s.budget is not None:
        assert s.budget.score <= s.budget.scored.points and D(data["budget"]["score"]) <= s.budget.scored.points
        assert data["budget"]["formula"].endswith(f" {data['budget']['score']}")
        shown_rows.append(D(data["budget"]["score"]))
    assert data["score"] == fixed(s.score, 0)  # the printed total is the computed one
    if per_row:  # rows rounded one by one: what is shown is what was added, so the sums agree
        assert sum(shown_rows, D(0)) == D(data["points"]["earned"]) == s.earned
        assert data["formula"].startswith(f"Σ得分/Σ分值 × 100 = {data['points']['earned']}/")

    table = subject_rows(s, policy.rounding, "zh")  # what the terminal table, Markdown, CSV and HTML lay out
    lines = [row for row in table if row.kind == "line" and row.score != "—"]
    assert all(D(row.score) <= D(row.weight) for row in lines)
    if per_row:
        assert sum((D(row.score) for row in table if row.kind in ("line", "budget") and row.score != "—"), D(0)) == \
            D(table[-1].score) == s.earned
        assert sum((D(row.score) for row in table if row.kind == "subtotal"), D(0)) + \
            sum((D(row.score) for row in table if row.kind == "budget"), D(0)) == D(table[-1].score)

    out = io.StringIO()
    explain.render(result, out, "zh")
    for line in out.getvalue().splitlines():
        if m := SHOWN.search(line):
            assert D(m.group(1)) <= D(m.group(2)), line


@given(st.decimals(0, 100, places=4), half_points(), st.integers(0, 3), st.sampled_from(["half_up", "down"]))
def test_a_kept_score_is_printed_with_every_place_it_has(value, points, decimals, mode):
    score = held(value, points, decimals, mode)
    assert score <= points
    text = kept(score, decimals)
    assert D(text) == score and len(text.partition(".")[2]) == places(score, decimals) >= decimals


# -- the 12.5-point row, as each report shows it -----------------------------------------------------

def _half_points_file(folder: Path, policy: str, **changed: dict) -> Path:
    """Three met rows of 12.5, 12.5 and 62.5 points and a budget line of 12.5: 100 points, all earned
    (``changed`` gives a row, by name, other keys)."""
    rows = [build.row("产出指标", "甲", "≥95%", 12.5, actual="96%"), build.row("产出指标", "乙", "≥95%", 12.5, actual="96%"),
            build.row("效益指标", "丙", "≥90%", 62.5, actual="95%")]
    rows = [{**row, **changed.get(row["name"], {})} for row in rows]
    doc = build.evaluation(build.project("项目", *rows, budget={"full_year": 10, "executed": 10}, budget_points=12.5), policy=policy)
    return build.write_doc(folder, doc)


def test_a_met_half_point_row_is_shown_as_kept_in_explain_json_and_xlsx(tmp_path):
    path = _half_points_file(tmp_path, "central-2020-whole")
    explained = cli(path, "--explain", code=0).output
    assert "甲　12.5 / 12.5" in explained and "→ w = 12.5" in explained and "产出指标　25 / 25" in explained
    assert "预算执行率　12.5 / 12.5" in explained and "× 12.5 = 12.5" in explained
    assert "13 / 12.5" not in explained and "w = 13" not in explained
    assert "取整不超过分值，按分值 12.5 计" in explained
    assert "Σ得分/Σ分值 × 100 = 100/100 × 100 = 100" in explained

    data = json.loads(cli(path, "-f", "json", code=0).output)
    (p,) = data["projects"]
    assert [(r["score"], r["trace"]["rounded"], r["exact"]) for r in p["indicators"]] == [
        ("12.5", "12.5", "12.5"), ("12.5", "12.5", "12.5"), ("62.5", "62.5", "62.5")]
    assert [r["formula"] for r in p["indicators"]][0] == "B ≥ A (96 ≥ 95) → w = 12.5"
    assert (p["budget"]["score"], p["points"], p["score"]) == ("12.5", {"earned": "100", "possible": "100"}, "100")

    book = tmp_path / "t.xlsx"
    cli(path, "-f", "xlsx", "-o", book, code=0)
    ws = load_workbook(book).worksheets[1]
    cells = {(c.value, c.number_format) for row in ws.iter_rows(min_row=9, max_row=11, min_col=7, max_col=7) for c in row}
    assert cells == {(12.5, "0.0"), (62.5, "0.0")}
    assert (ws["H6"].value, ws["H6"].number_format) == (12.5, "0.0")  # the budget line's 得分

    for form in ("markdown", "csv", "table"):
        shown = cli(path, "-f", form, code=0).output
        assert "12.5" in shown and not re.search(r"\b13\b", shown), form


def test_the_rows_shown_add_up_to_the_total_shown(tmp_path):
    """One 12.5-point row met and one short: 12.5 + 12 (11.84 rounded) + 62.5 + 12.5 = 99.5, shown as
    such; the 100-point score is that total rounded as the policy says."""
    path = _half_points_file(tmp_path, "central-2020-whole", 乙={"actual": "90%", "reason": "未达"})
    data = json.loads(cli(path, "-f", "json", code=0).output)
    (p,) = data["projects"]
    assert [r["score"] for r in p["indicators"]] == ["12.5", "12", "62.5"]
    assert p["points"]["earned"] == "99.5" and p["score"] == "100"
    table = cli(path, code=0).output
    assert re.search(r"小计\s+25\s+24\.5", table) and re.search(r"总分\s+100\s+99\.5", table)


def test_truncation_keeps_what_it_truncated(tmp_path):
    """Truncating never lifts anything: the met 12.5-point rows keep 12, as the engine keeps them."""
    path = _half_points_file(tmp_path, "central-2020-truncate")
    data = json.loads(cli(path, "-f", "json", code=0).output)
    (p,) = data["projects"]
    assert [r["score"] for r in p["indicators"]] == ["12", "12", "62"] and p["budget"]["score"] == "12"
    assert p["points"]["earned"] == "98" and all(r["formula"].endswith(" " + r["score"]) for r in p["indicators"])


@pytest.mark.parametrize("claimed,holds,kind", [(D("12.5"), True, None), (D(13), False, "overclaimed"),
                                                (D(12), False, "rounding")])
def test_a_claim_is_held_to_the_score_kept(tmp_path, claimed, holds, kind):
    """13 for a met 12.5-point row is above its points, whatever whole-point rounding makes of 12.5."""
    result = score_file(_half_points_file(tmp_path, "central-2020-whole", 甲={"claimed": claimed}))
    found = [f for f in result.findings if f.code == "claimed-mismatch" and f.indicator == "甲"]
    assert not found if holds else [(f.kind, f.computed) for f in found] == [(kind, "12.5")]
