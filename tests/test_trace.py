"""A third party can recompute every number from the JSON alone.

The functions below read nothing but ``scoring.result.v1``: each row from its
trace (rule, inputs, knob), each subject from its rows, the department from
its subjects. They are written from the rules in DOMAIN.md, not from the
engine's code.
"""

from __future__ import annotations

import json
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest

from scoring.cli import app
from scoring.testing import PLANTS, write_submission

from .conftest import ROOT, runner

D = Decimal


def _round(x: Decimal, rounding: dict) -> Decimal:
    mode = ROUND_HALF_UP if rounding["mode"] == "half_up" else ROUND_DOWN
    return x.quantize(D(1).scaleb(-rounding["decimals"]), rounding=mode)


def row_exact(ind: dict) -> Decimal:
    t = ind["trace"]
    i = {k: v for k, v in t["inputs"].items()}
    w = D(i["w"])
    rule = t["rule"]
    if rule == "rate":
        return w * min(D(i["r"]), D(1))
    if rule in ("at_least", "equal.at_least"):
        a, b = D(i["A"]), D(i["B"])
        return w if b >= a else w * max(b, D(0)) / a
    if rule == "at_most":
        return w
    if rule == "at_most.zero_target" or rule == "missing":
        return D(0)
    if rule == "at_most.inverse":
        return w * D(i["A"]) / D(i["B"])
    if rule == "at_most.linear":
        a, b = D(i["A"]), D(i["B"])
        return w * max(D(0), 1 - (b - a) / a)
    if rule == "equal.ratio":
        a, b = D(i["A"]), D(i["B"])
        return w if a == b else w * min(a, b) / max(a, b)
    if rule == "qualitative.achieved":
        return w
    if rule == "qualitative.grade":
        return w * D(i["f"]) if "f" in i else w
    if rule == "qualitative.judged":  # free words: the department's own score, within the points
        return D(i["claimed"])
    if rule == "qualitative.band":
        low, high = w * D(i["lo"]), w * D(i["hi"])
        return min(max(D(i["claimed"]), low), high) if "claimed" in i else high
    raise AssertionError(f"unknown rule {rule}")


def check(data: dict) -> None:
    rounding = data["rounding"]
    per_row = rounding["stage"] == "indicator"
    subjects = ([data["overall"]] if data["overall"] else []) + data["projects"]
    for s in subjects:
        earned, possible = D(0), D(0)
        for ind in s["indicators"]:
            if not ind["trace"]["counted"]:
                continue
            exact = row_exact(ind)
            assert abs(exact - D(ind["trace"]["exact"])) < D("1e-20"), ind["name"]
            assert _round(exact, rounding) == D(ind["score"]), ind["name"]
            earned += _round(exact, rounding) if per_row else exact
            possible += D(ind["weight"])
        if s["budget"]:
            b, f = s["budget"], s["funds"]
            rate = D(f["executed"]) / D(f[b["denominator"]])
            assert abs(rate - D(b["rate"])) < D("1e-20")
            exact = D(b["points"]) * min(rate, D(1))
            assert _round(exact, rounding) == D(b["score"])
            earned += _round(exact, rounding) if per_row else exact
            possible += D(b["points"])
        assert _round(earned, rounding) == D(s["points"]["earned"])
        assert _round(possible, rounding) == D(s["points"]["possible"])
        score = _round(earned / possible * 100, rounding)
        assert score == D(s["score"])
        bands = sorted(data["grades"], key=lambda g: D(g["min"]), reverse=True)
        assert s["grade"] == next(g["label"] for g in bands if score >= D(g["min"]))
    if data["rollup"]["method"] == "overall":
        assert data["score"] == data["overall"]["score"]
    elif data["rollup"]["method"] == "budget_weighted":
        total = sum(D(p["funds"]["executed"]) for p in data["projects"])
        mean = sum(D(p["funds"]["executed"]) * D(p["score"]) for p in data["projects"]) / total
        assert _round(mean, rounding) == D(data["score"])
    else:
        mean = sum(D(p["score"]) for p in data["projects"]) / len(data["projects"])
        assert _round(mean, rounding) == D(data["score"])


def score_json(path) -> dict:
    result = runner.invoke(app, [str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_seed_recomputes_from_its_json():
    check(score_json(ROOT / "evaluations" / "2023.toml"))


@pytest.mark.parametrize("plant", ("none",) + PLANTS)
def test_generated_submissions_recompute_from_their_json(tmp_path, plant):
    sub = write_submission(tmp_path, "单位", 50, set() if plant == "none" else {plant})
    check(score_json(sub.path))


def test_every_rule_recomputes(write):
    rows = [
        ('target = "≤10天"', "actual = 12"),
        ('target = "≤10天"', "actual = 8"),
        ('target = "=100%"', 'actual = "98%"'),
        ('target = "≥90%"', 'actual = "45%"'),
        ('comparator = "定性"\ntarget = "优良中低差"', 'grade = "良"'),
        ('comparator = "定性"\ntarget = "及时"', 'actual = "完成"'),
        ('comparator = "定性"\ntarget = "达成年度指标"\nscale = "三档"', 'grade = "部分达成年度指标并具有一定效果"\nclaimed = 5'),
        ('target = "≥3个"', 'rate = 1.2'),
        ('target = "≥3个"', 'status = "na"'),
    ]
    body = 'department = "部"\nyear = 2023\n[[project]]\nname = "甲"\nbudget = { full_year = 300, executed = 250 }\n'
    for n, (ind, res) in enumerate(rows):
        body += f'[[project.indicator]]\nlevel1 = "产出指标"\nname = "指标{n}"\nweight = 10\n{ind}\n{res}\nreason = "说明"\n'
    body += '[[project]]\nname = "乙"\nbudget = { full_year = 100, executed = 100 }\n[[project.indicator]]\nlevel1 = "产出指标"\nname = "数"\ntarget = "≥4个"\nweight = 90\nactual = 3\nreason = "x"\n'
    data = score_json(write("e.toml", body))
    assert data["rollup"]["method"] == "budget_weighted"
    check(data)


def test_the_recomputation_notices_a_wrong_number():
    data = score_json(ROOT / "evaluations" / "2023.toml")
    data["overall"]["indicators"][15]["score"] = "3.00"  # 6.1 scored 1.80
    with pytest.raises(AssertionError):
        check(data)


def test_explain_shows_formula_rounding_and_source():
    out = runner.invoke(app, [str(ROOT / "evaluations" / "2023.toml"), "--explain"]).output
    assert "6.1 党组织建设　1.80 / 3" in out
    assert "r × w = 0.6 × 3 = 1.80" in out
    assert "取整：每项得分四舍五入保留 2 位小数" in out
    assert "依据：财预〔2020〕10号" in out
    assert "Σ得分/Σ分值 × 100 = 95.20/98.00 × 100 = 97.14 → 优" in out
    assert "rollup.method = overall" in out


def test_every_rule_is_explained():
    from scoring.report.words import RULES
    from scoring.rules import Rule

    assert set(RULES) == set(Rule)
