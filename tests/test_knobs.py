"""Every knob of a policy is read: changed alone, it changes what scoring says about a small fixed
set of evaluations, or it is listed below as output-neutral there, with the reason."""

from __future__ import annotations

import json
import typing
from decimal import Decimal

import attrs
import tomli_w

from scoring import InputError
from scoring._checks import Range
from scoring.api import score_file
from scoring.load import load_policy
from scoring.load._policy import _IDENTITY_KEYS
from scoring.policy import Policy
from scoring.report.json_ import result_dict

from .conftest import ROOT
from .strategies import CENTRAL

EVALUATIONS = [ROOT / "tests" / "data" / "knobs.toml", ROOT / "evaluations" / "2023.toml", *sorted((ROOT / "evaluations" / "inbox").glob("*.toml"))]

ALTERED = {
    "source": "另一依据",
    "split.points": {"产出指标": 40, "效益指标": 40},
    "split.satisfaction_fallback": "产出指标",
    "split.satisfaction": "效益指标",
    "labels.cost": ["无此词"],
    "labels.satisfaction": ["无此词"],
    "labels.lower_is_better": ["无此词"],
    "units.synonyms": {"万": "千元", "百分比": "个"},
    "budget.steps": [{"min_rate": 0.99, "fraction": 0.5}, {"min_rate": 0, "fraction": 0}],
    "budget.caps": [{"below": 1, "at_most": 50}],
    "qualitative.default_scale": "三档",
    "qualitative.achieved_words": ["无此词"],
    "qualitative.scales": [{"name": "优良中低差", "levels": [{"label": lv, "fraction": 0.5} for lv in "优良中低差"]},
                           {"name": "三档", "levels": [{"label": "达成年度指标", "band": [0.5, 0.5]}]}],
    "grades.bands": [{"label": "优", "min": 99}, {"label": "良", "min": 80}, {"label": "中", "min": 60}, {"label": "差", "min": 0}],
    "grades.aliases": {"优秀": ["良"]},
}
"""A changed value for each knob the type and validator alone cannot vary."""

CONTEXT = {
    "budget.steps": {"method": "steps"},
    "overachievement.slope": {"mode": "deduct", "threshold": 0},
    "overachievement.floor": {"mode": "deduct", "threshold": 0, "slope": 100},
    "overachievement.points": {"mode": "fixed", "threshold": 0},
}
"""Knobs read only when a sibling says so: both sides of the comparison set these too."""

BASELINE = {"budget.steps": [{"min_rate": 0.9, "fraction": 1}, {"min_rate": 0, "fraction": 0.5}]}
"""The unchanged side's value where central-2020's own would be refused under CONTEXT."""

NEUTRAL = {
    "weights.printed_severity": "read only where a table prints its points total (a workbook's 合计 row); no fixed evaluation does",
}
"""Knobs the fixed evaluations cannot show, each with the test or reason that covers it."""


def _leaves(cls: type = Policy, prefix: tuple = ()):
    for f in attrs.fields(cls):
        if not prefix and f.name in _IDENTITY_KEYS:
            continue
        if attrs.has(f.type):
            yield from _leaves(f.type, prefix + (f.name,))
        else:
            yield ".".join(prefix + (f.name,)), f


def _altered(name: str, field, value):
    if name in ALTERED:
        return ALTERED[name]
    if typing.get_origin(field.type) is typing.Literal:
        return next(choice for choice in typing.get_args(field.type) if choice != value)
    if field.type is bool:
        return not value
    assert isinstance(field.validator, Range), f"{name}: say in ALTERED how to change it"
    high = field.validator.high if isinstance(field.validator.high, Decimal) else value * 2 + 1
    changed = (Decimal(value) + high) / 2 if value != high else field.validator.low
    return int(changed) if field.type is int else changed


def _written(tmp_path, tables: dict, name: str = "p.toml"):
    """A policy file: central-2020 with ``tables`` on top."""
    path = tmp_path / name
    path.write_text(tomli_w.dumps({"id": "k", "title": "k", "extends": "central-2020", "replace": _replaced(tables), **tables}), encoding="utf-8")
    return path


def _said(tmp_path, tables: dict) -> list[str]:
    """What scoring says about the fixed evaluations under central-2020 with ``tables`` on top."""
    path = _written(tmp_path, tables)
    said = []
    for evaluation in EVALUATIONS:
        try:
            result = result_dict(score_file(evaluation, policy=str(path)), "zh")
        except InputError as exc:
            said.append(str(exc))
            continue
        del result["policy"]["sha256"]
        said.append(json.dumps(result, ensure_ascii=False, default=str))
    return said


def _replaced(tables: dict) -> list[str]:
    return [f"{table}.{key}" for table, knobs in tables.items() if isinstance(knobs, dict)
            for key, value in knobs.items() if isinstance(value, dict)]


def _tables(name: str, value) -> dict:
    *table, key = name.split(".")
    knobs = {**CONTEXT.get(name, {}), key: value} if table else {key: value}
    return {table[0]: knobs} if table else knobs


def test_every_knob_changes_what_scoring_says_or_is_listed_as_neutral(tmp_path):
    silent = []
    for name, field in _leaves():
        value = CENTRAL.knob(name)
        base = _said(tmp_path, _tables(name, BASELINE.get(name, value)) if name in CONTEXT else {})
        if _said(tmp_path, _tables(name, _altered(name, field, value))) == base:
            silent.append(name)
    assert sorted(silent) == sorted(NEUTRAL), (silent, "a knob no fixed evaluation shows: list it in NEUTRAL with the test that covers it")


def test_any_knob_changed_changes_the_digest(tmp_path):
    """The digest a result names its rules by tells apart two policies that differ in any one knob."""
    for name, field in _leaves():
        value = CENTRAL.knob(name)
        base = load_policy(str(_written(tmp_path, _tables(name, BASELINE.get(name, value)) if name in CONTEXT else {}, f"{name}.base.toml")))
        try:
            changed = load_policy(str(_written(tmp_path, _tables(name, _altered(name, field, value)), f"{name}.toml")))
        except InputError:
            continue  # refused (method = "steps" with no steps): no digest to confuse
        assert changed.sha256 != base.sha256, name
