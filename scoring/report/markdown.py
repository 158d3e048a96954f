"""A Markdown report a department can paste into its 绩效自评报告."""

from __future__ import annotations

from typing import TextIO

from ..engine import EvaluationResult
from ..findings import severity_name
from ..i18n import join, word
from ..numbers import kept, plain
from ..safe import shown
from ..wording import LIST, filled
from . import words
from ._view import funds, headline, subject_rows, subject_title


def _cell(text: str) -> str:
    return shown(text.replace("\n", " ")).replace("|", "\\|")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def summary_sentence(result: EvaluationResult, lang: str) -> str:
    """评价项目N个，90分以上的N个…, as published reports write it, from the grade bands."""
    projects = result.projects
    bands = sorted(result.policy.grades.bands, key=lambda b: b.min, reverse=True)
    counts = []
    for i, band in enumerate(bands):
        upper = bands[i - 1].min if i else None
        n = sum(1 for p in projects if p.score >= band.min and (upper is None or p.score < upper))
        if upper is None:
            counts.append(filled(words.BAND_TOP, min=band.min, n=n))
        elif band.min > 0:
            counts.append(filled(words.BAND_MIDDLE, min=band.min, upper=upper, n=n))
        else:
            counts.append(filled(words.BAND_BOTTOM, upper=upper, n=n))
    return filled(words.PROJECTS_SENTENCE, n=len(projects), counts=join(LIST, counts)).word(lang)


def render(result: EvaluationResult, out: TextIO, lang: str) -> None:
    d = result.policy.rounding.decimals
    lines = [f"# {shown(headline(result, lang))}", ""]
    lines.append(summary_sentence(result, lang))
    lines.append("")
    policy = result.policy
    lines.append(filled(words.MARKDOWN_POLICY, title=policy.title, id=policy.id, sha256=policy.sha256).word(lang))
    lines.append("")
    for s in result.subjects:
        lines += [f"## {shown(subject_title(s, d, lang))}", ""]
        cells = funds(s, result.evaluation.money_unit, lang)
        if cells:
            lines += _table([k for k, _ in cells], [[v for _, v in cells]]) + [""]
        header = words.worded(words.MARKDOWN_HEADERS, lang)
        rows = []
        previous = None
        for r in subject_rows(s, result.policy.rounding, lang):
            if r.kind == "line":
                rows.append([r.level1 if r.level1 != previous else "", r.level2, r.name, r.target, r.actual, r.weight, r.score, r.reason])
                previous = r.level1
                continue
            previous = None
            label = f"**{r.name}**" if r.kind == "total" else r.name
            rows.append([r.level1 if r.kind != "total" else "", "", label, "", r.actual, r.weight, r.score,
                         r.formula if r.kind == "total" else ""])
        lines += _table(header, rows) + [""]
    claim = result.evaluation.claimed
    lines += [f"## {words.CONCLUSION.word(lang)}", ""]
    lines.append(filled(words.RESCORED_TOTAL, score=kept(result.score, d)).word(lang))
    lines.append("")
    lines.append(filled(words.RESCORED_GRADE, grade=result.grade).word(lang))
    if claim is not None:
        points = filled(words.CLAIMED_SCORE_POINTS, score=plain(claim.score)).word(lang) if claim.score is not None else ""
        said = "，".join(x for x in (points, claim.grade or "") if x)
        lines += ["", filled(words.CLAIMED_LINE, said=said).word(lang)]
    formula = word(result.rollup.formula, lang)
    lines += ["", filled(words.HOW, formula=formula).word(lang), ""]
    lines += [f"## {words.FINDINGS.word(lang)}", ""]
    if not result.findings:
        lines.append(words.NO_FINDINGS.word(lang))
    for f in result.findings:
        lines.append(f"- **{severity_name(f.severity, lang)}** `{f.code}`{words.COLON.word(lang)}{_cell(f.word(lang))}")
    out.write("\n".join(lines) + "\n")
