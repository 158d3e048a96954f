"""``scoring.result.v1``: the JSON result (FORMAT.md). Decimals are strings."""

from __future__ import annotations

import json
from typing import TextIO

from ..engine import EvaluationResult, LineResult, SubjectResult
from ..findings import Finding
from ..i18n import word
from ..model import Claim
from ..numbers import fixed, kept, plain
from ..policy import Policy
from ..rules import readings

FORMAT = "scoring.result.v1"


def _claim(claim: Claim | None, computed, d: int) -> dict | None:
    if claim is None:
        return None
    return {
        "score": plain(claim.score) if claim.score is not None else None,
        "grade": claim.grade,
        "budget_score": plain(claim.budget_score) if claim.budget_score is not None else None,
        "difference": fixed(claim.score - computed, d) if claim.score is not None else None,
    }


def _line(r: LineResult, policy: Policy, lang: str) -> dict:
    ind, out = r.line.indicator, r.line.outcome
    scored = r.scored
    return {
        "id": ind.id,
        "name": ind.name,
        "level1": ind.level1,
        "level2": ind.level2,
        "group": ind.group,
        "comparator": ind.comparator.value,
        "comparator_assumed": ind.comparator_assumed,
        "target": plain(ind.target) if ind.target is not None else ind.target_text,
        "unit": ind.unit,
        "weight": plain(ind.weight),
        "actual": plain(out.actual) if out.actual is not None else (out.grade or out.achieved_word),
        "rate": plain(out.rate) if out.rate is not None else None,
        "status": "na" if out.not_applicable else None,
        "score": policy.rounding.shown(r.score, ind.weight) if r.counted else None,
        "exact": plain(scored.exact) if scored else None,
        "formula": scored.formula.word(lang) if scored else None,
        "achieved": scored.achieved if scored else None,
        "reason": out.reason,
        "claimed": plain(out.claimed) if out.claimed is not None else None,
        "trace": {
            "rule": scored.rule,
            "inputs": scored.inputs,
            "knob": scored.knob,
            "knob_value": _knob_value(policy, scored.knob),
            "source": policy.source_of(scored.knob or "formulas"),
            "capped": scored.capped,
            "exact": plain(scored.exact),
            "rounded": policy.rounding.shown(r.score, ind.weight),
            "counted": True,
            "reading": [text.word(lang) for text in readings(ind, out)],
        }
        if scored
        else {"rule": "not_applicable.drop", "counted": False, "knob": "not_applicable.mode",
              "source": policy.source_of("not_applicable")},
    }


def _knob_value(policy: Policy, knob: str | None):
    value = policy.knob(knob) if knob else None
    return value if isinstance(value, (str, bool)) else None


def _band(score, policy: Policy) -> dict:
    band = policy.grades.band(score)
    return {"label": band.label, "min": plain(band.min), "source": policy.source_of("grades")}


def _subject(s: SubjectResult, policy: Policy, lang: str) -> dict:
    d = policy.rounding.decimals
    b = s.subject.budget
    return {
        "id": s.subject.id,
        "name": s.subject.name,
        "kind": s.subject.kind,
        "score": kept(s.score, d),
        "exact": plain(s.exact),
        "grade": s.grade,
        "points": {"earned": policy.rounding.shown(s.earned, s.possible), "possible": kept(s.possible, d)},
        "formula": s.formula.word(lang),
        "trace": {"earned": "Σ indicators[].score (counted) + budget.score", "score": "earned / possible × 100",
                  "grade": _band(s.score, policy)},
        "budget": {
            "rate": plain(s.budget.scored.rate),
            "points": plain(s.budget.scored.points),
            "score": policy.rounding.shown(s.budget.score, s.budget.scored.points),
            "exact": plain(s.budget.scored.exact),
            "denominator": s.budget.scored.denominator,
            "formula": s.budget.scored.formula.word(lang),
            "rule": s.budget.scored.rule,
            "claimed": plain(s.budget.claimed) if s.budget.claimed is not None else None,
        }
        if s.budget
        else None,
        "funds": {k: plain(v) if v is not None else None for k, v in
                  (("initial", b.initial), ("full_year", b.full_year), ("executed", b.executed), ("received", b.received))}
        if b
        else None,
        "claimed": _claim(s.subject.claimed, s.score, d),
        "as_submitted": kept(s.as_submitted, d) if s.as_submitted is not None else None,
        "cap": plain(s.cap) if s.cap is not None else None,
        "changes": [{"indicator": c.indicator, "name": c.name, "what": c.what, "approved": c.approved, "submitted": c.submitted}
                    for c in s.changes],
        "indicators": [_line(r, policy, lang) for r in s.lines],
    }


def finding_dict(f: Finding, lang: str) -> dict:
    fix = f.fix
    out = {"code": f.code, "severity": f.severity, "subject": f.subject, "indicator": f.indicator, "message": f.word(lang),
           "place": str(f.place) if f.place else None, "fix": fix.word(lang) if fix is not None else None}
    if f.claimed is not None or f.computed is not None:
        out.update(claimed=f.claimed, computed=f.computed, formula=word(f.formula, lang) if f.formula is not None else None)
    return out


def result_dict(result: EvaluationResult, lang: str) -> dict:
    """The whole result as plain JSON-ready data."""
    policy = result.policy
    d = policy.rounding.decimals
    ev = result.evaluation
    return {
        "format": FORMAT,
        "path": ev.path,
        "department": ev.department,
        "year": ev.year,
        "money_unit": ev.money_unit,
        "policy": {"id": policy.id, "title": policy.title, "sha256": policy.sha256},
        "score": kept(result.score, d),
        "grade": result.grade,
        "points": {"earned": policy.rounding.shown(result.earned, result.possible), "possible": kept(result.possible, d)},
        "rollup": {"method": result.rollup.method, "formula": word(result.rollup.formula, lang),
                   "source": policy.source_of("rollup")},
        "rounding": {"decimals": d, "mode": policy.rounding.mode, "stage": policy.rounding.stage,
                     "source": policy.source_of("rounding")},
        "grades": [{"label": b.label, "min": plain(b.min)} for b in policy.grades.bands],
        "claimed": _claim(ev.claimed, result.score, d),
        "overall": _subject(result.overall, policy, lang) if result.overall else None,
        "projects": [_subject(p, policy, lang) for p in result.projects],
        "findings": [finding_dict(f, lang) for f in result.findings],
        "source": ev.source.as_dict(lang) if ev.source is not None else None,
    }


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    out.write(json.dumps(result_dict(result, lang), ensure_ascii=False, indent=2) + "\n")
